// Schedules of berth's group: ListSchedules summaries, then GetSchedule only for schedules whose
// LastModificationDate moved since the cached read (or that were never read).
import pLimit from 'p-limit';
import type { LiveSchedule } from '../model/live.js';
import type { SchedulerPort } from '../model/ports.js';
import type { LiveCache } from './cache.js';
import { sortedByKey } from './families.js';
import type { ReadCounters } from './read-counters.js';

export interface SchedulesRead {
  schedules: Record<string, LiveSchedule>;
  /** [name, lastModified] of every listed schedule (for the fingerprint). */
  listed: [string, string][];
}

export async function readSchedules(
  scheduler: SchedulerPort,
  opts: {
    group: string;
    cache: LiveCache;
    concurrency: number;
    /** Cache key of a schedule (the configured group's are keyed by name alone). */
    key?: (name: string) => string;
  },
  counters: ReadCounters,
): Promise<SchedulesRead> {
  const summaries = await scheduler.listSchedules(opts.group);
  const key = opts.key ?? ((name: string) => name);
  const limit = pLimit(opts.concurrency);
  const schedules: Record<string, LiveSchedule> = {};
  const listed: [string, string][] = [];
  await Promise.all(
    summaries.map((s) =>
      limit(async () => {
        const name = s.Name;
        if (!name) return;
        const lastModified = s.LastModificationDate?.toISOString() ?? '';
        listed.push([name, lastModified]);
        const cached = opts.cache.getSchedule(key(name));
        let description =
          cached && lastModified && cached.lastModified === lastModified ? cached.description : undefined;
        if (description) {
          counters.cacheHits += 1;
          counters.schedulesSkipped += 1;
        } else {
          counters.cacheMisses += 1;
          description = await scheduler.getSchedule(opts.group, name);
          // Deleted between listing and reading (e.g. a one-time schedule that completed).
          if (!description) return;
          if (lastModified) opts.cache.putSchedule(key(name), { lastModified, description });
        }
        schedules[name] = {
          name,
          group: opts.group,
          description,
          ...(lastModified ? { lastModified } : {}),
        };
      }),
    ),
  );
  listed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { schedules: sortedByKey(schedules), listed };
}
