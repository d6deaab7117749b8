// AWS's documented API request quotas (default, per account and Region, us-east-1), as token
// buckets: `burst` tokens at most, refilled at `rate` per second. berth's client-side pacing
// starts from them (rate-limit.ts) and the realistic-AWS test proxy enforces them
// (test/support/realistic-aws.ts). Keys: "service:Operation", "service:*", "*".
//
// ECS, "Request throttling for the Amazon ECS API"
//   https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html
//   Token buckets per account and Region; "bucket maximum capacity" = burst, "bucket refill
//   rate" = sustained rate. Task-definition mutations: burst 20, 1 per second (also quoted in
//   aws-actions/amazon-ecs-deploy-task-definition#502). Reads: the page's own example is a read
//   action with a bucket of 50 refilled at 20 per second; describes run "approx 20 TPS"
//   (aws-solutions/workload-discovery-on-aws#355). Other ECS actions are given those read
//   figures here (berth calls only task-definition, tagging, DescribeClusters and RunTask).
//   A throttled call gets ThrottlingException (HTTP 400, JSON 1.1).
// EventBridge Scheduler, "Quotas for Amazon EventBridge Scheduler"
//   https://docs.aws.amazon.com/scheduler/latest/UserGuide/scheduler-quotas.html
//   Per-second request rates: Create/Update/Delete/GetSchedule 1,000 in the major Regions
//   (later versions of the page say 5,000 for CreateSchedule: the lower figure is kept),
//   Create/DeleteScheduleGroup 10. The listing and tagging operations have no rate on that page;
//   50 per second is assumed for them (EventBridge's figure for its "other" APIs). Requests over
//   the rate are rejected "for the remainder of the interval": a bucket of one second's worth.
//   A throttled call gets ThrottlingException (HTTP 429, REST-JSON).
// EventBridge (classic rules, used by the peer tool in the benchmark), "Amazon EventBridge
//   quotas" https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html: every API
//   but PutEvents 50 per second.

export interface Quota {
  /** Bucket capacity: requests that may go at once after a quiet spell. */
  burst: number;
  /** Refill rate: sustained requests per second. */
  rate: number;
}

const perSecond = (rate: number): Quota => ({ burst: rate, rate });
const TASK_DEFINITION_WRITE: Quota = { burst: 20, rate: 1 };
const ECS_READ: Quota = { burst: 50, rate: 20 };

export const AWS_QUOTAS: Readonly<Record<string, Quota>> = {
  'ecs:RegisterTaskDefinition': TASK_DEFINITION_WRITE,
  'ecs:DeregisterTaskDefinition': TASK_DEFINITION_WRITE,
  'ecs:DeleteTaskDefinitions': TASK_DEFINITION_WRITE,
  'ecs:*': ECS_READ,
  'scheduler:CreateSchedule': perSecond(1000),
  'scheduler:UpdateSchedule': perSecond(1000),
  'scheduler:DeleteSchedule': perSecond(1000),
  'scheduler:GetSchedule': perSecond(1000),
  'scheduler:CreateScheduleGroup': perSecond(10),
  'scheduler:DeleteScheduleGroup': perSecond(10),
  'scheduler:*': perSecond(50),
  'events:*': perSecond(50),
};

/** The most specific entry for "service:Operation": itself, then "service:*", then "*". */
export function lookup<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  const service = key.split(':')[0];
  for (const k of [key, `${service}:*`, '*']) if (Object.hasOwn(table, k)) return table[k];
  return undefined;
}
