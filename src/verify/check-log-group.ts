// The awslogs group: it exists, or ECS creates it at the first run (awslogs-create-group).
import { failed, ok, regionFlag, type CheckContext } from './context.js';
import type { CheckOutcome } from './types.js';

export async function checkLogGroup(
  name: string,
  region: string | undefined,
  createGroup: boolean,
  ctx: CheckContext,
): Promise<CheckOutcome> {
  if (await ctx.ports.logs.logGroupExists(name, region)) return ok(`log group ${name} exists`);
  if (createGroup)
    return ok(`log group ${name} does not exist yet; ECS creates it at the first run (createGroup)`);
  return failed(
    `log group ${name} does not exist${region ? ` in ${region}` : ''} and createGroup is not set: tasks fail to start`,
    `create it (aws logs create-log-group --log-group-name ${name}${regionFlag(region)}) or set logging.createGroup: true (the execution role then needs logs:CreateLogGroup)`,
  );
}
