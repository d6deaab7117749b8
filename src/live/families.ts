// Task-definition families under the name prefix (and berth's families under a previous one):
// a listing of ACTIVE revisions (the account's, or the light one of light-listing.ts), then a
// describe of each family's latest revision, from the cache when it was seen before. When the latest is not berth's, older revisions are described
// until berth's newest is found: a family berth registered into stays berth's by name.
import pLimit from 'p-limit';
import { MANAGED_BY_VALUE, TAG } from '../model/desired.js';
import type { LiveFamily, LiveRevision, LiveRevisionRef } from '../model/live.js';
import type { EcsPort } from '../model/ports.js';
import type { LiveCache } from './cache.js';
import { ownershipOf } from './ownership.js';
import type { ReadCounters } from './read-counters.js';
import { describeRevision, parseRef, withRevision } from './revisions.js';

export interface FamiliesRead {
  /** Families under the configured prefix. */
  families: Record<string, LiveFamily>;
  /** Families under a previous prefix that were asked for. */
  previous: Record<string, LiveFamily>;
  /** Every ACTIVE revision listed of the families read (for the fingerprint), sorted. */
  arns: string[];
  /** ARNs described or taken from the cache (what the cache should keep). */
  described: string[];
}

/** ACTIVE revisions by family, and every listed ARN (for the fingerprint), sorted. */
export interface FamilyListing {
  byFamily: Map<string, LiveRevisionRef[]>;
  arns: string[];
}

/**
 * The full listing: every ACTIVE revision of the account (ListTaskDefinitions' familyPrefix is an
 * exact family name, so the prefix is applied here), kept when under the prefix or `previous`.
 */
export async function listAllRevisions(
  ecs: EcsPort,
  opts: { namePrefix: string; previous?: (family: string) => boolean },
): Promise<FamilyListing> {
  const wanted = (f: string) => f.startsWith(opts.namePrefix) || (opts.previous?.(f) ?? false);
  const listed = await ecs.listTaskDefinitionArns({
    familyPrefix: opts.previous ? '' : opts.namePrefix,
    status: 'ACTIVE',
  });
  return byFamily(listed.filter((arn) => wanted(parseRef(arn)?.family ?? '')));
}

export function byFamily(arns: readonly string[]): FamilyListing {
  const out = new Map<string, LiveRevisionRef[]>();
  const kept: string[] = [];
  for (const arn of arns) {
    const ref = parseRef(arn);
    if (!ref) continue;
    kept.push(arn);
    const list = out.get(ref.family) ?? [];
    list.push(ref);
    out.set(ref.family, list);
  }
  return { byFamily: out, arns: kept.sort() };
}

/** Describes each listed family's latest revision (and below it, see readFamily): from the cache when seen. */
export async function readFamilies(
  ecs: EcsPort,
  listing: FamilyListing,
  opts: {
    namePrefix: string;
    owner: string;
    cache: LiveCache;
    concurrency: number;
    /**
     * Families worth looking below a latest revision that is not berth's (those of desired jobs):
     * other families under the prefix cost one describe each, whatever their history.
     */
    scan?: (family: string) => boolean;
  },
  counters: ReadCounters,
): Promise<FamiliesRead> {
  const limit = pLimit(opts.concurrency);
  const families: Record<string, LiveFamily> = {};
  const previous: Record<string, LiveFamily> = {};
  const described: string[] = [];
  const ctx = { ecs, cache: opts.cache, counters, described };
  await Promise.all(
    [...listing.byFamily.entries()].map(([family, refs]) =>
      limit(async () => {
        const read = await readFamily(family, [...refs], opts.owner, opts.scan?.(family) ?? true, ctx);
        if (!read) return;
        if (family.startsWith(opts.namePrefix)) families[family] = read;
        else previous[family] = read;
      }),
    ),
  );
  return {
    families: sortedByKey(families),
    previous: sortedByKey(previous),
    arns: listing.arns,
    described,
  };
}

export interface ReadContext {
  ecs: EcsPort;
  cache: LiveCache;
  counters: ReadCounters;
  described: string[];
}

export async function readFamily(
  family: string,
  refs: LiveRevisionRef[],
  owner: string,
  scan: boolean,
  ctx: ReadContext,
): Promise<LiveFamily | undefined> {
  const active = refs.sort((a, b) => a.revision - b.revision);
  const newestFirst = [...active].reverse();
  const revisions: LiveRevision[] = [];
  let decider: LiveRevision | undefined;
  for (const [i, ref] of newestFirst.entries()) {
    // The latest always; older ones only until the newest berth-managed revision is found.
    const needed = i === 0 || (scan && !decider);
    const entry = needed
      ? await describeRevision(ctx.ecs, ref.arn, ctx.cache, ctx.counters)
      : ctx.cache.getRevision(ref.arn);
    if (!entry) {
      // The latest deleted between listing and describing: it is gone, like the family.
      if (i === 0) return undefined;
      continue;
    }
    if (!needed) ctx.counters.cacheHits += 1;
    ctx.described.push(ref.arn);
    const r: LiveRevision = { ...ref, ...entry, active: true };
    revisions.push(r);
    if (!decider && entry.tags[TAG.managedBy] === MANAGED_BY_VALUE) decider = r;
  }
  const latest = revisions[0];
  if (!latest || latest.revision !== newestFirst[0]?.revision) return undefined;
  const own = decider ? ownershipOf(decider.tags, owner) : { kind: 'unowned' as const };
  const f: LiveFamily = {
    family,
    latest: {
      arn: latest.arn,
      family,
      revision: latest.revision,
      description: latest.description,
      tags: latest.tags,
    },
    active,
    owned: own.kind === 'owned',
    ...(own.kind === 'foreign' ? { foreignOwner: own.owner } : {}),
    revisions: [],
  };
  for (const r of revisions) withRevision(f, r);
  return f;
}

export function sortedByKey<V>(o: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
