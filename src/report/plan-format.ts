// Shared wording of plans for people: action titles, field-change lines, the summary line.
// Every value shown goes through here, which is where sensitive values are masked.
import { PENDING_REVISION } from '../model/desired.js';
import type { FieldChange, JobPlan, Plan, PlanAction, PlanSummary } from '../model/plan.js';

export const SENSITIVE_MASK = '(sensitive)';

export type ChangeOp = 'add' | 'remove' | 'replace';
export const SYMBOL = { add: '+', remove: '-', replace: '~' } as const;
export const KIND_SYMBOL = { create: '+', update: '~', delete: '-', noop: ' ' } as const;

export function changeOp(c: FieldChange): ChangeOp {
  if (!('before' in c) || c.before === undefined) return 'add';
  if (!('after' in c) || c.after === undefined) return 'remove';
  return 'replace';
}

/** A value as it may be shown: masked when sensitive, unquoted for the pending-revision marker. */
export function shown(value: unknown, sensitive: boolean | undefined): string {
  if (sensitive) return SENSITIVE_MASK;
  if (value === PENDING_REVISION) return PENDING_REVISION;
  return JSON.stringify(value) ?? 'null';
}

/** "~ /path: before → after", "+ /path: after", "- /path: before". */
export function changeLine(c: FieldChange): string {
  const op = changeOp(c);
  const before = shown(c.before, c.sensitive);
  const after = shown(c.after, c.sensitive);
  const value = op === 'add' ? after : op === 'remove' ? before : `${before} → ${after}`;
  return `${SYMBOL[op]} ${c.path}: ${value}`;
}

const LABEL: Record<PlanAction['resource'], string> = {
  scheduleGroup: 'schedule group',
  taskDefinition: 'task definition',
  taskDefinitionRevision: 'task definition revision',
  taskDefinitionTags: 'task definition revision',
  schedule: 'schedule',
};

function verb(a: PlanAction): string {
  if (a.resource === 'taskDefinition' && a.kind === 'update') return 'register new revision of';
  if (a.resource === 'taskDefinitionTags') return 'tag';
  if (a.resource === 'scheduleGroup' && a.kind === 'update') return 'tag';
  if (a.resource === 'taskDefinitionRevision' && a.kind === 'delete') return 'deregister';
  return a.kind;
}

/** "register new revision of task definition etl-x (manifest changed)" */
export function actionTitle(a: PlanAction): string {
  return `${verb(a)} ${LABEL[a.resource]} ${a.name}${a.reason ? ` (${a.reason})` : ''}`;
}

/** Short form for tables: "~ task definition (2 fields)", "- 3 revisions". */
export function actionBrief(actions: readonly PlanAction[]): string {
  const parts: string[] = [];
  const revisions = actions.filter(
    (a) => a.resource === 'taskDefinitionRevision' && a.kind === 'delete',
  ).length;
  for (const a of actions) {
    if (a.kind === 'noop' || a.resource === 'taskDefinitionRevision') continue;
    const n = a.changes.length;
    const fields = a.kind === 'update' ? ` (${n} field${n === 1 ? '' : 's'})` : '';
    parts.push(`${KIND_SYMBOL[a.kind]} ${LABEL[a.resource]}${fields}`);
  }
  if (revisions > 0) parts.push(`- ${revisions} revision${revisions === 1 ? '' : 's'}`);
  return parts.join(', ');
}

export const changing = (a: PlanAction) => a.kind !== 'noop';

/** Jobs worth a section: anything but "in sync with nothing to do". */
export function isNotable(j: JobPlan): boolean {
  return j.status !== 'InSync' || j.actions.some(changing);
}

/** Applying the plan writes something. */
export function hasChanges(s: PlanSummary): boolean {
  return s.create + s.update + s.delete > 0;
}

/**
 * What keeps AWS different from git once this plan is applied: jobs a prune guard refused to
 * delete, and jobs in conflict. Plans exit 2 with --detailed-exitcode, and apply exits 2, on either.
 */
export function heldBack(plan: Plan): { refusedPrune: number; conflicts: number } {
  return { refusedPrune: plan.refusedPrune?.jobs.length ?? 0, conflicts: plan.summary.conflicts };
}

/** "2 jobs not in git left in place (prune refused, see warnings)", for the parts asked for. */
export function heldBackText(held: { refusedPrune: number; conflicts: number }): string | undefined {
  const jobs = (n: number) => `${n} job${n === 1 ? '' : 's'}`;
  const parts = [
    held.refusedPrune > 0 &&
      `${jobs(held.refusedPrune)} not in git left in place (prune refused, see warnings)`,
    held.conflicts > 0 && `${jobs(held.conflicts)} in conflict`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Nothing to change and nothing held back: AWS matches git. */
export function planInSync(plan: Plan): boolean {
  const held = heldBack(plan);
  return !hasChanges(plan.summary) && held.refusedPrune + held.conflicts === 0;
}

export function summaryLine(s: PlanSummary): string {
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.noop} unchanged.`;
}

export function conflictLine(s: PlanSummary): string | undefined {
  if (s.conflicts === 0) return undefined;
  return `${s.conflicts} job${s.conflicts === 1 ? '' : 's'} in conflict: not planned, see above.`;
}

/** "account 123456789012, region us-east-1": where a plan applies, for its header. */
export function locationText(p: Pick<Plan, 'region' | 'account' | 'accountSource'>): string {
  const account = p.account
    ? `account ${p.account}${p.accountSource === 'berth.yaml' ? ' (from berth.yaml; nothing berth owns there yet)' : ''}`
    : 'account unknown';
  return `${account}, region ${p.region ?? 'unknown'}`;
}

/** Git revisions shown short, as people read them. */
export function shortRevision(revision: string | undefined): string | undefined {
  return revision && /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}

/**
 * "read: light, revision lists from the full read 12m ago": a light read says what it trusted
 * (docs/performance.md lists what it cannot see until the next full read).
 */
export function liveReadText(p: Pick<Plan, 'liveRead'>): string | undefined {
  const r = p.liveRead;
  if (!r) return undefined;
  if (r.kind === 'full') return `read: full (every ACTIVE revision listed${r.reason ? `, ${r.reason}` : ''})`;
  const age = r.lastFullReadAgeSeconds;
  const ago = age === undefined ? `at ${r.lastFullRead}` : `${formatAge(age)} ago`;
  return `read: light (revision lists from the full read ${ago}; --full-read to list them all now)`;
}

function formatAge(s: number): string {
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
