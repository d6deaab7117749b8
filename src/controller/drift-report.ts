// The drift report as data: per job what differs (field, desired, live), since when, at which
// git revision, and what berth did. Pure; sensitive values are masked here, once, so nothing
// downstream (JSON API, logs, alerts) can leak them.
import { contentHash } from '../desired/hash.js';
import type { JobPlan, PlanAction, ResourceKind } from '../model/plan.js';
import { SENSITIVE_MASK } from '../report/index.js';

export const DRIFT_JSON_KIND = 'berth.drift';

/** healed: berth reverted it · heal-failed: it tried and failed · reported: left for a person. */
export type DriftAction = 'healed' | 'heal-failed' | 'reported';

export interface DriftChange {
  resource: ResourceKind;
  /** AWS name: family or schedule name. */
  name: string;
  /** JSON pointer into the normalised SDK input. */
  path: string;
  /** What git says (null when git has no value). */
  desired: unknown;
  /** What AWS has (null when AWS has no value). */
  live: unknown;
  sensitive: boolean;
  /**
   * The whole resource is missing in AWS (git has it) or extra (in AWS, not in git): one change
   * that says so, path "", instead of every field with a null on one side.
   */
  presence?: 'missing' | 'extra';
}

export interface DriftEntry {
  job: string;
  file: string | null;
  changes: DriftChange[];
  /** ISO time the controller first saw this drift; null in a one-shot `berth drift`. */
  firstSeen: string | null;
  lastSeen: string;
  /** Git revision of the desired state it was compared with. */
  revision: string | null;
  action: DriftAction;
  message: string | null;
  /** Stable id of this drift (job + differing values; no times): alerts deduplicate on it. */
  fingerprint: string;
}

export interface DriftReport {
  kind: typeof DRIFT_JSON_KIND;
  formatVersion: 1;
  generatedAt: string;
  owner: string | null;
  scheduleGroup: string | null;
  revision: string | null;
  drifted: number;
  jobs: DriftEntry[];
  /**
   * Jobs where AWS differs from git by changes waiting in git (a one-shot `berth drift` only):
   * not drift, but "no drift" must not read as "AWS matches git" while they exist.
   */
  pending?: string[];
}

/**
 * The out-of-band part of a job's plan, field by field: actions that changed in AWS (origin
 * aws; a plan without origins counts whole). A resource missing or extra is one entry.
 */
export function driftChanges(plan: Pick<JobPlan, 'actions'>): DriftChange[] {
  const out: DriftChange[] = [];
  for (const a of plan.actions) {
    if (a.kind === 'noop' || a.resource === 'taskDefinitionRevision') continue;
    if (a.origin !== undefined && a.origin !== 'aws') continue;
    const whole = presenceOf(a);
    if (whole) {
      out.push({
        resource: a.resource,
        name: a.name,
        path: '',
        desired: null,
        live: null,
        sensitive: false,
        presence: whole,
      });
      continue;
    }
    for (const c of a.changes) {
      const mask = (v: unknown) => (v === undefined ? null : c.sensitive ? SENSITIVE_MASK : v);
      out.push({
        resource: a.resource,
        name: a.name,
        path: c.path,
        desired: mask(c.after),
        live: mask(c.before),
        sensitive: c.sensitive === true,
      });
    }
  }
  return out;
}

/** A schedule AWS lost is "missing"; one berth did not make is "extra". */
function presenceOf(a: PlanAction): DriftChange['presence'] {
  // No revision of the family left in AWS: one line, not every field "git X, AWS null".
  if (a.resource === 'taskDefinition') return a.kind === 'create' ? 'missing' : undefined;
  if (a.resource !== 'schedule' && a.resource !== 'scheduleGroup') return undefined;
  if (a.kind === 'create') return 'missing';
  if (a.kind === 'delete') return 'extra';
  return undefined;
}

/** A plan's group action as a drift entry, when its tags changed in AWS. */
export function groupDriftEntry(
  group: PlanAction,
  opts: { now: Date; revision: string | undefined },
): DriftEntry | undefined {
  if (group.kind === 'noop' || group.origin !== 'aws') return undefined;
  const changes = driftChanges({ actions: [group] });
  const job = `schedule group ${group.name}`;
  return {
    job,
    file: null,
    changes,
    firstSeen: null,
    lastSeen: opts.now.toISOString(),
    revision: opts.revision ?? null,
    action: 'reported',
    message: group.reason ?? null,
    fingerprint: driftFingerprint(job, changes),
  };
}

export function driftFingerprint(job: string, changes: readonly DriftChange[]): string {
  const key = changes.map((c) => [c.resource, c.name, c.path, c.desired, c.live]);
  return contentHash({ job, changes: key });
}

/** One drifted job as found in a plan (first-seen is the tracker's business). */
export function driftEntry(
  plan: JobPlan,
  opts: { now: Date; revision: string | undefined; action: DriftAction },
): DriftEntry {
  const changes = driftChanges(plan);
  return {
    job: plan.job,
    file: plan.file ?? null,
    changes,
    firstSeen: null,
    lastSeen: opts.now.toISOString(),
    revision: opts.revision ?? null,
    action: opts.action,
    message: plan.message ?? null,
    fingerprint: driftFingerprint(plan.job, changes),
  };
}

export function driftReport(
  entries: readonly DriftEntry[],
  head: { now: Date; owner?: string; scheduleGroup?: string; revision?: string; pending?: readonly string[] },
): DriftReport {
  const jobs = [...entries].sort((a, b) => (a.job < b.job ? -1 : a.job > b.job ? 1 : 0));
  return {
    kind: DRIFT_JSON_KIND,
    formatVersion: 1,
    generatedAt: head.now.toISOString(),
    owner: head.owner ?? null,
    scheduleGroup: head.scheduleGroup ?? null,
    revision: head.revision ?? null,
    drifted: jobs.length,
    jobs,
    ...(head.pending ? { pending: [...head.pending].sort() } : {}),
  };
}
