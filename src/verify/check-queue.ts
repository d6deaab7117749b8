// The dead-letter queue Scheduler sends undeliverable runs to.
import { parseArn } from '../desired/arns.js';
import { failed, notChecked, ok, regionFlag, type CheckContext } from './context.js';
import type { CheckOutcome } from './types.js';

export async function checkQueue(arn: string, ctx: CheckContext): Promise<CheckOutcome> {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'sqs')
    return failed(`${arn} is not an SQS queue ARN`, 'write arn:aws:sqs:REGION:ACCOUNT:QUEUE');
  if (ctx.account && parsed.account !== ctx.account)
    return notChecked(`queue ${arn} is in account ${parsed.account}, not the cluster's ${ctx.account}`);
  if (await ctx.ports.sqs.queueExists(parsed.resource, parsed.account, parsed.region))
    return ok(`queue ${parsed.resource} exists`);
  return failed(
    `dead-letter queue ${arn} does not exist`,
    `create it (aws sqs create-queue --queue-name ${parsed.resource}${regionFlag(parsed.region)}) or correct the ARN`,
  );
}
