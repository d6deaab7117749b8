// An EventBridge "ECS Task State Change" event, as it arrives in the run feed's queue, → the
// task it describes (the SDK's Task shape: dates as Date). The detail is the Task object of
// DescribeTasks with its times as ISO strings; `group` is "family:<family>".
import type { EcsTask } from '../model/aws-types.js';
import { parseTaskDefinitionArn } from '../model/task-definition-arn.js';

export const TASK_STATE_CHANGE = 'ECS Task State Change';

const DATE_FIELDS = [
  'createdAt',
  'startedAt',
  'stoppingAt',
  'stoppedAt',
  'pullStartedAt',
  'pullStoppedAt',
  'executionStoppedAt',
  'connectivityAt',
] as const;

export function taskOfEvent(body: string): EcsTask | undefined {
  let event: { source?: unknown; 'detail-type'?: unknown; detail?: unknown };
  try {
    event = JSON.parse(body) as typeof event;
  } catch {
    return undefined;
  }
  if (event?.source !== 'aws.ecs' || event['detail-type'] !== TASK_STATE_CHANGE) return undefined;
  const detail = event.detail as Record<string, unknown> | undefined;
  if (!detail || typeof detail.taskArn !== 'string') return undefined;
  const task: Record<string, unknown> = { ...detail };
  for (const f of DATE_FIELDS) {
    const v = detail[f];
    if (typeof v === 'string' || typeof v === 'number') task[f] = new Date(v);
  }
  return task as EcsTask;
}

/** etl-daily from arn:aws:ecs:…:task-definition/etl-daily:7 */
export function familyOfTask(task: EcsTask): string | undefined {
  const arn = task.taskDefinitionArn;
  if (arn) return parseTaskDefinitionArn(arn)?.family;
  return task.group?.startsWith('family:') ? task.group.slice('family:'.length) : undefined;
}
