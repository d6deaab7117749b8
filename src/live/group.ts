// berth's schedule group: owned, missing, unowned (exists without berth's tags: never adopted
// silently) or foreign (another berth installation's).
import type { LiveScheduleGroup } from '../model/live.js';
import type { SchedulerPort } from '../model/ports.js';
import { ownershipOf } from './ownership.js';

export async function readGroup(
  scheduler: SchedulerPort,
  name: string,
  owner: string,
): Promise<LiveScheduleGroup> {
  const g = await scheduler.getScheduleGroup(name);
  if (!g) return { name, status: 'missing', tags: {} };
  const own = ownershipOf(g.tags, owner);
  const status = own.kind === 'owned' ? 'owned' : own.kind === 'foreign' ? 'foreign' : 'unowned';
  return { name, status, arn: g.arn, tags: g.tags };
}
