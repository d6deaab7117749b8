// What `berth import` reads from AWS for one job: a task-definition revision and, when the job
// is scheduled, the Scheduler schedule or classic EventBridge rule target that runs it.
import type { LiveScheduleDescription, LiveTaskDefinitionDescription } from '../model/aws-types.js';

export type ScheduleOrigin =
  | { kind: 'scheduler'; group: string; name: string }
  | { kind: 'rule'; rule: string; eventBusName: string; targetId: string };

export interface ScheduleSource {
  origin: ScheduleOrigin;
  /** Scheduler-shaped: a GetSchedule answer, or a classic rule target converted to one. */
  schedule: LiveScheduleDescription;
  /** The family its target runs, and the revision when it pins one. */
  family: string;
  revision?: number;
  /** What the conversion could not carry over (a rule's InputTransformer, …). */
  notes: string[];
}

export interface LiveJobSource {
  family: string;
  /** The revision imported: the one the schedule pins, else the latest ACTIVE one. */
  revisionArn: string;
  revision: number;
  /** Every ACTIVE revision ARN of the family, oldest first. */
  active: string[];
  taskDefinition: LiveTaskDefinitionDescription;
  tags: Record<string, string>;
  schedule?: ScheduleSource;
  /** Further schedules or rules that run this family: berth has one schedule per job. */
  otherSchedules: ScheduleOrigin[];
}

export function describeOrigin(o: ScheduleOrigin): string {
  return o.kind === 'scheduler'
    ? `schedule ${o.group}/${o.name}`
    : `EventBridge rule ${o.rule}${o.eventBusName === 'default' ? '' : ` (bus ${o.eventBusName})`} target ${o.targetId}`;
}

/** family and revision of "arn:…:task-definition/family:3", "family:3", "…/family" or "family". */
export function parseTaskDefinitionRef(ref: string): { family: string; revision?: number } | undefined {
  const tail = ref.includes('task-definition/') ? ref.slice(ref.indexOf('task-definition/') + 16) : ref;
  const m = /^([A-Za-z0-9_-]+)(?::(\d+))?$/.exec(tail);
  if (!m?.[1]) return undefined;
  return m[2] ? { family: m[1], revision: Number(m[2]) } : { family: m[1] };
}
