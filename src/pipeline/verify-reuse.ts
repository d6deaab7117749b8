// A light read trusts each family's revision list cached at the last full read, so a revision
// deregistered by hand that no schedule pins still looks ACTIVE. Harmless while nothing points
// at it; not when the plan repins a schedule onto it (a rollback reuses an older revision of
// git's content instead of registering): the apply would pin an INACTIVE revision, which
// RunTask refuses, and report success. So before such a plan is shown or applied, the family of
// each revision a schedule is about to be moved onto is listed exactly (one call a family, only
// on a light read, only for a repin onto an existing revision: a no-op or an ordinary change
// that registers makes none), and the cache's list is repaired from it.
//
// Why here and not in apply right before UpdateSchedule: the plan must say what will happen
// (register, not reuse) so that `plan` and the PR report tell the truth, and apply plans through
// the same pipeline, so it is protected too. A saved plan is applied only when its fingerprint
// still matches a new read, which runs this check again.
import type { LiveCache } from '../live/index.js';
import { parseRef } from '../live/revisions.js';
import type { ScheduleInput } from '../model/aws-types.js';
import { PENDING_REVISION } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import type { EcsPort } from '../model/ports.js';

/** Revisions the plan moves a schedule onto without registering them (not the one it pins now). */
export function reusedRevisions(plan: Plan, live: LiveState): string[] {
  const out = new Set<string>();
  for (const j of plan.jobs)
    for (const a of j.actions) {
      if (a.resource !== 'schedule' || (a.kind !== 'create' && a.kind !== 'update')) continue;
      const to = (a.after as ScheduleInput | undefined)?.Target?.EcsParameters?.TaskDefinitionArn;
      if (!to || to === PENDING_REVISION) continue;
      if (to !== pinnedNow(live, a.name)) out.add(to);
    }
  return [...out].sort();
}

function pinnedNow(live: LiveState, name: string): string | undefined {
  const s = live.schedules[name] ?? live.previous?.schedules.find((x) => x.name === name);
  return s?.description.Target?.EcsParameters?.TaskDefinitionArn;
}

/**
 * Lists exactly the families of `arns` not verified yet (into `verified`), repairs the cache's
 * lists from what it finds, and says whether any family's ACTIVE revisions differ from what the
 * read trusted (then the caller reads again: the repaired list is taken this time).
 */
export async function verifyReused(
  ecs: EcsPort,
  live: LiveState,
  arns: readonly string[],
  deps: { cache: LiveCache; verified: Map<string, readonly string[]> },
): Promise<boolean> {
  const families = [...new Set(arns.map((a) => parseRef(a)?.family).filter((f): f is string => !!f))];
  let stale = false;
  for (const family of families) {
    let listing = deps.verified.get(family);
    if (!listing) {
      listing = await ecs.listTaskDefinitionArns({ family, status: 'ACTIVE' });
      deps.verified.set(family, listing);
      if (listing.length > 0) deps.cache.putFamilyListing(family, listing);
      else deps.cache.dropFamilyListing(family);
    }
    const f = live.families[family] ?? live.previous?.families[family];
    const trusted = (f?.active ?? []).map((r) => r.arn);
    if (trusted.length !== listing.length || trusted.some((a) => !listing.includes(a))) stale = true;
  }
  return stale;
}
