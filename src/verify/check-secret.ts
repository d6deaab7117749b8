// Container secrets: the SSM parameter or Secrets Manager secret exists. Existence only: berth
// never reads a value (DescribeParameters / DescribeSecret).
import { failed, notChecked, ok, regionFlag, type CheckContext } from './context.js';
import { parseSecretRef } from './secret-ref.js';
import type { CheckOutcome } from './types.js';

export async function checkSecret(valueFrom: string, ctx: CheckContext): Promise<CheckOutcome> {
  const ref = parseSecretRef(valueFrom);
  if (ref.store === 'unknown')
    return failed(
      `${valueFrom} is not an SSM parameter or Secrets Manager reference`,
      'reference an SSM parameter or a Secrets Manager secret',
    );
  if (ref.account && ctx.account && ref.account !== ctx.account)
    return notChecked(`${valueFrom} is in account ${ref.account}, not the cluster's ${ctx.account}`);
  if (ref.store === 'ssm') {
    const region = ref.region ?? ctx.region;
    if (await ctx.ports.ssm.parameterExists(ref.names, region))
      return ok(`SSM parameter ${ref.names[0]} exists`);
    return failed(
      `SSM parameter ${ref.names[0]} does not exist${region ? ` in ${region}` : ''}`,
      `create it (aws ssm put-parameter --name ${ref.names[ref.names.length - 1]} --type SecureString --value …${regionFlag(region)}) or correct the reference`,
    );
  }
  if (await ctx.ports.secrets.secretExists(ref.secretId, ref.region)) return ok(`secret ${ref.name} exists`);
  return failed(
    `Secrets Manager secret ${ref.secretId} does not exist (or is scheduled for deletion)`,
    `create it (aws secretsmanager create-secret --name ${ref.name.replace(/-[A-Za-z0-9]{6}$/, '')} --secret-string …${regionFlag(ref.region)}) and use its ARN, or correct the reference`,
  );
}
