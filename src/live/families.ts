// Task-definition families under the name prefix: one listing of ACTIVE revisions, then a
// describe of each family's latest revision only, from the cache when it was seen before.
import pLimit from 'p-limit';
import type { LiveFamily, LiveRevisionRef } from '../model/live.js';
import type { EcsPort } from '../model/ports.js';
import type { LiveCache } from './cache.js';
import { ownershipOf } from './ownership.js';
import type { ReadCounters } from './read-counters.js';

export interface FamiliesRead {
  families: Record<string, LiveFamily>;
  /** Every ACTIVE revision listed (for the fingerprint), sorted. */
  arns: string[];
  /** ARNs described or taken from the cache (what the cache should keep). */
  described: string[];
}

export async function readFamilies(
  ecs: EcsPort,
  opts: { namePrefix: string; owner: string; cache: LiveCache; concurrency: number },
  counters: ReadCounters,
): Promise<FamiliesRead> {
  const arns = await ecs.listTaskDefinitionArns({ familyPrefix: opts.namePrefix, status: 'ACTIVE' });
  const byFamily = new Map<string, LiveRevisionRef[]>();
  for (const arn of arns) {
    const ref = parseRef(arn);
    if (!ref) continue;
    const list = byFamily.get(ref.family) ?? [];
    list.push(ref);
    byFamily.set(ref.family, list);
  }

  const limit = pLimit(opts.concurrency);
  const families: Record<string, LiveFamily> = {};
  const described: string[] = [];
  await Promise.all(
    [...byFamily.entries()].map(([family, refs]) =>
      limit(async () => {
        const active = refs.sort((a, b) => a.revision - b.revision);
        const latest = active[active.length - 1];
        if (!latest) return;
        let entry = opts.cache.getRevision(latest.arn);
        if (entry) counters.cacheHits += 1;
        else {
          counters.cacheMisses += 1;
          const d = await ecs.describeTaskDefinition(latest.arn);
          // Deleted between listing and describing: it is gone, like the family.
          if (!d) return;
          entry = { description: d.taskDefinition, tags: d.tags };
          opts.cache.putRevision(latest.arn, entry);
        }
        described.push(latest.arn);
        const own = ownershipOf(entry.tags, opts.owner);
        families[family] = {
          family,
          latest: { ...latest, description: entry.description, tags: entry.tags },
          active,
          owned: own.kind === 'owned',
          ...(own.kind === 'foreign' ? { foreignOwner: own.owner } : {}),
        };
      }),
    ),
  );
  return { families: sortedByKey(families), arns, described };
}

function parseRef(arn: string): LiveRevisionRef | undefined {
  const m = /task-definition\/([^:/]+):(\d+)$/.exec(arn);
  return m?.[1] && m[2] ? { arn, family: m[1], revision: Number(m[2]) } : undefined;
}

export function sortedByKey<V>(o: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
