// AWS tag lists ↔ plain records. ECS spells them {key, value}, Scheduler {Key, Value}.
import type { Tag as EcsTag } from '@aws-sdk/client-ecs';
import type { Tag as SchedulerTag } from '@aws-sdk/client-scheduler';

export function fromEcsTags(tags: EcsTag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.key !== undefined) out[t.key] = t.value ?? '';
  return out;
}

export function toEcsTags(tags: Record<string, string>): EcsTag[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

export function fromSchedulerTags(tags: SchedulerTag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

export function toSchedulerTags(tags: Record<string, string>): SchedulerTag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
