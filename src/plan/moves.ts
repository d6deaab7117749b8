// Renames (spec.scheduleGroup or namePrefix changed): berth's copies of a job under its previous
// names, found through what the groups it owns record (plan/record.ts, live/previous.ts). A move
// creates the new copy first and then deletes the old schedule and deregisters the old family's
// revisions, so a job never runs twice and never not at all. A move is not a deletion towards
// prune.maxDeleteFraction; with prune disabled it is refused, loudly, for every job it concerns.
import { TAG, type DesiredJob, type DesiredState } from '../model/desired.js';
import type { LiveFamily, LiveSchedule, LiveState } from '../model/live.js';
import { familyView } from './family-view.js';
import { scheduleNameOf } from './plan-job.js';

export interface Move {
  job: string;
  /** Old copies of the job's schedule: in another owned group, or in this one under an old name. */
  schedules: LiveSchedule[];
  /** This installation's families of the job under an old prefix. */
  families: LiveFamily[];
}

/** Every prefix berth has used here, the configured one first. */
export function knownPrefixes(desired: DesiredState, live: LiveState): string[] {
  return [...new Set([desired.namePrefix, ...(live.previous?.prefixes ?? [])])];
}

/** A schedule's place: its name in the configured group, "group/name" in any other. */
export function scheduleKey(s: Pick<LiveSchedule, 'name' | 'group'>, configured: string): string {
  return s.group === configured ? s.name : `${s.group}/${s.name}`;
}

export function findMoves(desired: DesiredState, live: LiveState, jobs: readonly DesiredJob[]): Move[] {
  const prefixes = knownPrefixes(desired, live);
  const elsewhere = live.previous?.schedules ?? [];
  const moves: Move[] = [];
  for (const job of jobs) {
    const own = scheduleNameOf(job, desired);
    const names = new Set(prefixes.map((p) => p + job.name));
    const schedules = [
      ...[...names].filter((n) => n !== own).flatMap((n) => (live.schedules[n] ? [live.schedules[n]] : [])),
      ...elsewhere.filter((s) => names.has(s.name)),
    ];
    const families = [...names]
      .filter((n) => n !== job.family)
      .flatMap((n) => {
        const f = live.families[n] ?? live.previous?.families[n];
        return f && isJobsFamily(f, job.name, desired.owner) ? [f] : [];
      });
    if (schedules.length > 0 || families.length > 0) moves.push({ job: job.name, schedules, families });
  }
  return moves;
}

/** Only a family this installation registered for this very job (berth:job) is an old copy of it. */
function isJobsFamily(f: LiveFamily, job: string, owner: string): boolean {
  if (!f.owned || f.foreignOwner !== undefined) return false;
  const head = familyView(f, owner).head;
  return head?.tags[TAG.job] === job;
}

/** The refusal when old copies cannot be removed: every doubled job named. */
export function moveRefusal(desired: DesiredState, moves: readonly Move[]): string | undefined {
  const doubled = moves.filter((m) => m.schedules.length > 0).map((m) => m.job);
  if (desired.prune.enabled || doubled.length === 0) return undefined;
  const n = doubled.length;
  return (
    `${n} job${n === 1 ? '' : 's'} would run twice after the rename (${doubled.join(', ')}): their old ` +
    `schedules stay ENABLED because prune is disabled (prune.enabled: false in berth.yaml). Nothing was planned ` +
    `for them: enable prune so berth moves them, or delete the old schedules yourself`
  );
}

export function doubledMessage(move: Move, configured: string): string {
  const old = move.schedules.map((s) => scheduleKey(s, configured)).join(', ');
  return (
    `would run twice: the old schedule ${old} stays ENABLED because prune is disabled; ` +
    `enable prune (prune.enabled: true) so berth moves the job, or delete the old schedule`
  );
}
