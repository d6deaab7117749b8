// The alerts about whether AWS equals git (pure): a conflict, a refused prune, the end of each
// (and of a failing apply), and the opt-in notice that a commit was deployed. Values are names,
// revisions and berth's own messages; sensitive values never get here.
import { contentHash } from '../desired/hash.js';
import type { RefusedPrune } from '../model/plan.js';
import type { Alert } from '../notify/alert.js';
import { capped, type Head } from './alerts.js';
import type { ActiveCondition } from './conditions.js';

const jobs = (n: number) => `${n} job${n === 1 ? '' : 's'}`;
const short = (revision: string) => revision.slice(0, 12);

/** One alert per conflict message: a foreign schedule group puts every job in the same one. */
export function conflictAlert(
  message: string,
  names: readonly string[],
  revision: string,
  head: Head,
): Alert {
  const one = names.length === 1 ? names[0]! : undefined;
  return {
    kind: 'conflict-detected',
    severity: 'warning',
    title: one
      ? `Conflict in ${one}: not managed until resolved`
      : `Conflict: ${jobs(names.length)} not managed`,
    lines: capped([message, ...(one ? [] : names.map((n) => `job: ${n}`))]),
    owner: head.owner ?? null,
    job: one ?? null,
    revision,
    fingerprint: contentHash(['conflict-detected', message, [...names].sort()]),
    at: head.now.toISOString(),
    data: { message, jobs: names },
  };
}

export function pruneRefusedAlert(refused: RefusedPrune, revision: string, head: Head): Alert {
  return {
    kind: 'prune-refused',
    severity: 'warning',
    title: `Prune refused: ${jobs(refused.jobs.length)} no longer in git left in place`,
    lines: capped([refused.warning, ...refused.jobs.map((j) => `left in place: ${j}`)]),
    owner: head.owner ?? null,
    job: null,
    revision,
    fingerprint: contentHash(['prune-refused', refused.guard, [...refused.jobs].sort()]),
    at: head.now.toISOString(),
    data: { guard: refused.guard, jobs: refused.jobs, warning: refused.warning },
  };
}

const RESOLVED = {
  'conflict-detected': 'conflict-resolved',
  'prune-refused': 'prune-refusal-resolved',
  'apply-failed': 'apply-recovered',
} as const;

/** The end of a standing condition, said once; kinds without a resolved form say nothing. */
export function resolvedAlert(c: ActiveCondition, revision: string, head: Head): Alert | undefined {
  const kind = RESOLVED[c.alert.kind as keyof typeof RESOLVED] as Alert['kind'] | undefined;
  if (!kind) return undefined;
  const what = c.alert.title.replace(/: not managed until resolved$/, '');
  return {
    kind,
    severity: 'info',
    title: `Resolved: ${what}`,
    lines: [`since ${c.since}`, `revision ${short(revision)}`],
    owner: head.owner ?? null,
    job: c.alert.job,
    revision,
    fingerprint: contentHash([kind, c.alert.fingerprint]),
    at: head.now.toISOString(),
    data: { resolves: c.alert.fingerprint, since: c.since },
  };
}

export interface Deployed {
  job: string;
  /** "register ctl-a:3", "update-schedule ctl-a", "delete-schedule ctl-b". */
  steps: string[];
  pruned: boolean;
}

/** Opt-in: a revision's git changes reached AWS (self-healed drift is not a deploy). */
export function deploySucceededAlert(
  revision: string,
  deployed: readonly Deployed[],
  differing: number,
  head: Head,
): Alert {
  const lines = deployed.map((d) => `${d.job}: ${d.pruned ? 'pruned' : 'deployed'} (${d.steps.join(', ')})`);
  if (differing > 0) lines.push(`${jobs(differing)} still differ from git: see /api/status`);
  return {
    kind: 'deploy-succeeded',
    severity: 'info',
    title: `Deployed ${short(revision)}: ${jobs(deployed.length)} changed`,
    lines: capped(lines),
    owner: head.owner ?? null,
    job: deployed.length === 1 ? deployed[0]!.job : null,
    revision,
    fingerprint: contentHash(['deploy-succeeded', revision, deployed.map((d) => [d.job, d.steps])]),
    at: head.now.toISOString(),
    data: { deployed, differing },
  };
}
