// IAM roles: the role exists and its trust policy lets the service that uses it assume it
// (ecs-tasks for task and execution roles, scheduler for the role Scheduler runs tasks with).
import { parseArn } from '../desired/arns.js';
import { failed, notChecked, ok, type CheckContext } from './context.js';
import { trustedServices, trusts, trustStatement } from './trust-policy.js';
import type { CheckOutcome } from './types.js';

const USE = {
  task: 'task role',
  execution: 'execution role',
  scheduler: 'scheduler role',
} as const;

export async function checkRole(
  arn: string,
  service: string,
  use: keyof typeof USE,
  ctx: CheckContext,
): Promise<CheckOutcome> {
  const parsed = parseArn(arn);
  const name = parsed?.resource.split('/').pop() ?? arn;
  if (parsed && ctx.account && parsed.account && parsed.account !== ctx.account)
    return notChecked(`${USE[use]} ${arn} is in account ${parsed.account}, not the cluster's ${ctx.account}`);
  const role = await ctx.ports.iam.getRole(name);
  if (!role)
    return failed(
      `${USE[use]} ${arn} does not exist`,
      `create role ${name} with a trust policy for ${service} (aws iam create-role --role-name ${name} --assume-role-policy-document '{"Version":"2012-10-17","Statement":[${trustStatement(service)}]}'), or correct the ARN`,
    );
  if (role.arn !== arn)
    return failed(
      `${USE[use]} ${arn} does not exist; the role named ${name} is ${role.arn}`,
      `write the role's ARN as ${role.arn}`,
    );
  if (!trusts(role.trustPolicy, service)) {
    const now = trustedServices(role.trustPolicy);
    return failed(
      `${USE[use]} ${name} cannot be assumed by ${service} (its trust policy allows ${now.length ? now.join(', ') : 'no service'})`,
      `add ${trustStatement(service)} to the trust policy of ${name} (aws iam update-assume-role-policy --role-name ${name} --policy-document file://trust.json)`,
    );
  }
  return ok(`${USE[use]} ${name} exists and trusts ${service}`);
}
