// The ECS cluster the schedules run in (and `berth run` starts tasks in).
import { parseArn } from '../desired/arns.js';
import { failed, ok, regionFlag, type CheckContext } from './context.js';
import type { CheckOutcome } from './types.js';

export async function checkCluster(arn: string, ctx: CheckContext): Promise<CheckOutcome> {
  if (await ctx.ports.ecs.describeCluster(arn)) return ok(`cluster ${arn} exists`);
  const parsed = parseArn(arn);
  const name = parsed?.resource.replace(/^cluster\//, '') ?? arn;
  return failed(
    `cluster ${arn} does not exist (or is not ACTIVE)`,
    `create it (aws ecs create-cluster --cluster-name ${name}${regionFlag(parsed?.region)}) or name an existing cluster`,
  );
}
