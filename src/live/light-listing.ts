// The light listing: which families exist comes from ListTaskDefinitionFamilies by prefix (pages
// of 100 *families*: flat in old revisions and in other teams' task definitions), and each
// family's ACTIVE revisions from the cache's list of its last listing. A family is listed exactly
// again (ListTaskDefinitions familyPrefix=<family>, one page) when the cache has no list for it
// (new, or written by berth since) or when a schedule pins a revision its list lacks (a schedule
// edited out of band to a revision registered out of band). A family the listing no longer
// names has no ACTIVE revision left: it is gone.
//
// What it cannot see until the next full read (docs/performance.md): a revision registered out
// of band that no schedule pins, and a pinned revision deregistered out of band while its family
// keeps another ACTIVE revision; nor an unpinned one deregistered out of band (a rollback onto
// such a revision is verified by an exact listing first: pipeline/verify-reuse.ts).
import pLimit from 'p-limit';
import type { EcsPort } from '../model/ports.js';
import type { LiveCache } from './cache.js';
import { byFamily, type FamilyListing } from './families.js';
import { parseRef } from './revisions.js';

/** Families with an ACTIVE revision under the prefix and under each previous prefix (renames). */
export async function listFamilyNames(
  ecs: EcsPort,
  opts: { namePrefix: string; previousPrefixes: readonly string[]; previous?: (family: string) => boolean },
): Promise<string[]> {
  const [own, ...old] = await Promise.all(
    [opts.namePrefix, ...opts.previousPrefixes].map((p) =>
      ecs.listTaskDefinitionFamilies({ familyPrefix: p, status: 'ACTIVE' }),
    ),
  );
  const previous = old.flat().filter((f) => !f.startsWith(opts.namePrefix) && (opts.previous?.(f) ?? false));
  return [...new Set([...(own ?? []), ...previous])].sort();
}

/** The families a light read must list exactly: unknown to the cache, or pinned beyond its list. */
export function familiesToList(
  families: readonly string[],
  pins: readonly string[],
  cache: Pick<LiveCache, 'getFamilyListing'>,
): string[] {
  const pinned = new Map<string, string[]>();
  for (const arn of pins) {
    const ref = parseRef(arn);
    if (ref) pinned.set(ref.family, [...(pinned.get(ref.family) ?? []), arn]);
  }
  return families.filter((f) => {
    const cached = cache.getFamilyListing(f);
    return !cached || (pinned.get(f) ?? []).some((arn) => !cached.includes(arn));
  });
}

/**
 * Completes a light listing: lists `exact` families one by one, takes the others from the cache,
 * and forgets the cached lists of families that are gone. The cache is updated.
 */
export async function lightListing(
  ecs: EcsPort,
  families: readonly string[],
  exact: readonly string[],
  deps: { cache: LiveCache; concurrency: number },
): Promise<FamilyListing> {
  const lists = await familyLists(ecs, families, exact, deps);
  const present = new Set(families);
  for (const f of deps.cache.listedFamilies()) if (!present.has(f)) deps.cache.dropFamilyListing(f);
  return byFamily([...lists.values()].flat());
}

/**
 * The ACTIVE revisions of `families`: those in `exact` listed one by one (and their cached lists
 * replaced), the others as the cache lists them. Families it was not given are left alone: a
 * targeted read (read-targeted.ts) sees only its targets' families.
 */
export async function familyLists(
  ecs: EcsPort,
  families: readonly string[],
  exact: readonly string[],
  deps: { cache: LiveCache; concurrency: number },
): Promise<Map<string, readonly string[]>> {
  const limit = pLimit(deps.concurrency);
  const listed = new Map(
    await Promise.all(
      exact.map((f) =>
        limit(async () => [f, await ecs.listTaskDefinitionArns({ family: f, status: 'ACTIVE' })] as const),
      ),
    ),
  );
  const out = new Map<string, readonly string[]>();
  for (const f of families) {
    const list = listed.get(f) ?? deps.cache.getFamilyListing(f) ?? [];
    // The emulator names families with no ACTIVE revision left (AWS does not): gone all the same.
    if (listed.has(f)) {
      if (list.length > 0) deps.cache.putFamilyListing(f, list);
      else deps.cache.dropFamilyListing(f);
    }
    out.set(f, list);
  }
  return out;
}
