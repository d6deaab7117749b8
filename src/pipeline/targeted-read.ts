// Which read a plan needs: everything, or only its targets (live/read-targeted.ts). A targeted
// read is used only when it is safe and cheaper: every target is a job in git (a job removed
// from git is a deletion, decided by a full read), no rename is in progress (proved by the read
// itself), and the targets are few enough that reading them costs less than one full read.
// Its plan never deletes: jobs it did not read are "not read", never "missing", and revisions
// beyond keepRevisions wait for a full read (another job's schedule might still pin one, and
// this read saw only the targets' schedules).
import { readLiveState, type LiveCache } from '../live/index.js';
import { readTargetedState, type TargetJob } from '../live/read-targeted.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import type { AwsPorts } from '../model/ports.js';
import { scheduleNameOf } from '../plan/plan-job.js';
import { summarise } from '../plan/summary.js';

export interface ReadScope {
  kind: 'targeted';
  /** The jobs read, sorted. */
  jobs: string[];
  /** Jobs in git this read did not look at. */
  notRead: number;
}

export interface ReadOutcome {
  live: LiveState;
  scope?: ReadScope;
  /** Why targets were given but everything was read. */
  fullBecause?: string;
}

/**
 * Most targets a targeted read takes for `jobs` jobs: ~2 calls a target against a full read's
 * ~3 + 2 pages of 100 (ListSchedules, ListTaskDefinitions), so at 1,000 jobs 10, at 100 jobs 1.
 */
export function targetLimit(jobs: number): number {
  return Math.max(1, Math.floor((1 + 2 * Math.ceil(jobs / 100)) / 2));
}

export async function readFor(
  desired: DesiredState,
  ports: AwsPorts,
  cache: LiveCache,
  targets: readonly string[],
  concurrency: number,
): Promise<ReadOutcome> {
  const base = {
    owner: desired.owner,
    scheduleGroup: desired.scheduleGroup,
    namePrefix: desired.namePrefix,
    environment: desired.environment,
    otherEnvironments: desired.siblings?.environments,
    cache,
    concurrency,
  };
  const full = async (fullBecause?: string): Promise<ReadOutcome> => ({
    live: await readLiveState(ports, { ...base, jobs: desired.jobs.map((j) => j.name) }),
    ...(fullBecause ? { fullBecause: `-t: every job was read: ${fullBecause}` } : {}),
  });
  const names = [...new Set(targets)].sort();
  if (names.length === 0) return full();
  const byName = new Map(desired.jobs.map((j) => [j.name, j]));
  const absent = names.filter((n) => !byName.has(n));
  if (absent.length > 0)
    return full(
      `${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} not in git (what git removed is a full-read decision)`,
    );
  const limit = targetLimit(desired.jobs.length);
  if (names.length > limit)
    return full(
      `${names.length} targets of ${desired.jobs.length} jobs cost more to read one by one than all at once`,
    );
  const jobs: TargetJob[] = names.map((n) => {
    const j = byName.get(n)!;
    return { job: n, family: j.family, schedule: scheduleNameOf(j, desired) };
  });
  const read = await readTargetedState(ports, { ...base, targets: jobs });
  if (read.kind === 'full') return full(read.reason);
  return {
    live: read.live,
    scope: { kind: 'targeted', jobs: names, notRead: desired.jobs.length - names.length },
  };
}

/** The plan as the read allows it: a targeted one never deletes, and says what it did not read. */
export function withReadNote(plan: Plan, read: ReadOutcome): Plan {
  if (read.fullBecause) return { ...plan, warnings: [...plan.warnings, read.fullBecause] };
  if (!read.scope) return plan;
  let held = 0;
  const jobs = plan.jobs
    // Defensive: nothing of a targeted read is an orphan (every target is a job in git).
    .filter((j) => j.status !== 'Orphan')
    .map((j) => {
      const actions = j.actions.filter(
        (a) => !(a.resource === 'taskDefinitionRevision' && a.kind === 'delete'),
      );
      held += j.actions.length - actions.length;
      return actions.length === j.actions.length ? j : { ...j, actions };
    });
  const { jobs: seen, notRead } = read.scope;
  const note =
    `targeted read: only ${seen.join(', ')} ${seen.length === 1 ? 'was' : 'were'} read; ` +
    `${notRead} other job${notRead === 1 ? '' : 's'} not read (nothing is said or deleted about them` +
    (held > 0
      ? `; ${held} revision${held === 1 ? '' : 's'} beyond keepRevisions left for a plan without -t`
      : '') +
    ')';
  return {
    ...plan,
    jobs,
    summary: summarise(plan.groupAction, jobs, plan.previousGroups),
    warnings: [...plan.warnings, note],
  };
}
