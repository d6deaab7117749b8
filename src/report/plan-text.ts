// The plan for a terminal, in the style people know from terraform:
// "+ create", "~ update", "- delete", field-level "before → after", one summary line.
import type { FieldChange, JobPlan, Plan, PlanAction, SyncStatus } from '../model/plan.js';
import { painter, type Paint, type Style } from './ansi.js';
import { environmentText, lookupLines, lookupLineText } from './plan-context.js';
import {
  actionTitle,
  changeLine,
  changeOp,
  changing,
  conflictLine,
  hasChanges,
  heldBack,
  heldBackText,
  isNotable,
  KIND_SYMBOL,
  liveReadText,
  locationText,
  shortRevision,
  summaryLine,
} from './plan-format.js';

const KIND_STYLE: Record<PlanAction['kind'], Style> = {
  create: 'green',
  update: 'yellow',
  delete: 'red',
  noop: 'dim',
};
const OP_STYLE = { add: 'green', remove: 'red', replace: 'yellow' } as const;
const STATUS_STYLE: Record<SyncStatus, Style> = {
  InSync: 'green',
  OutOfSync: 'yellow',
  Drifted: 'yellow',
  Missing: 'green',
  Orphan: 'red',
  Conflict: 'red',
  Suspended: 'dim',
  Completed: 'dim',
  Failed: 'red',
};

export function renderPlanText(plan: Plan, opts: { color: boolean }): string {
  const paint = painter(opts.color);
  const revision = shortRevision(plan.revision);
  const where = environmentText(plan);
  const out: string[] = [
    paint('bold', `berth plan for ${plan.owner}`) +
      `${where ? ` in ${where}` : ''} (schedule group ${plan.scheduleGroup}${revision ? `, revision ${revision}` : ''})`,
    locationText(plan),
    ...[liveReadText(plan)].filter((l): l is string => l !== undefined).map((l) => paint('dim', l)),
    '',
  ];
  const lookups = lookupLines(plan.lookups);
  if (lookups.length > 0)
    out.push(paint('bold', 'Lookups:'), ...lookups.map((l) => `  ${lookupLineText(l)}`), '');
  if (changing(plan.groupAction)) out.push(...actionLines(plan.groupAction, '', paint), '');
  for (const g of plan.previousGroups ?? []) out.push(...actionLines(g, '', paint), '');

  const notable = plan.jobs.filter(isNotable);
  for (const j of notable) out.push(...jobLines(j, paint), '');
  const inSync = plan.jobs.length - notable.length;
  if (inSync > 0) out.push(paint('dim', `${inSync} job${inSync === 1 ? '' : 's'} in sync.`), '');

  if (plan.warnings.length > 0) {
    out.push(paint('bold', 'Warnings:'));
    for (const w of plan.warnings) out.push(`  ${paint('magenta', '!')} ${w}`);
    out.push('');
  }
  // With changes, conflicts have their own line below; without, they are why AWS differs.
  const changes = hasChanges(plan.summary);
  const held = heldBackText({ ...heldBack(plan), ...(changes ? { conflicts: 0 } : {}) });
  if (held && changes) out.push(paint('red', `After these changes AWS will still differ from git: ${held}.`));
  else if (held) out.push(paint('red', `No changes can be made, but AWS differs from git: ${held}.`));
  else if (!changes) out.push(noChangesLine(plan));
  out.push(paint('bold', summaryLine(plan.summary)));
  const conflicts = conflictLine(plan.summary);
  if (conflicts) out.push(paint('red', conflicts));
  return out.join('\n') + '\n';
}

function jobLines(j: JobPlan, paint: Paint): string[] {
  const lines = [
    `${paint('bold', j.job)}: ${paint(STATUS_STYLE[j.status], j.status)}${j.file ? ` (${j.file})` : ''}`,
  ];
  if (j.message) lines.push(paint('dim', `  # ${j.message}`));
  for (const a of j.actions.filter(changing)) lines.push(...actionLines(a, '  ', paint));
  return lines;
}

function actionLines(a: PlanAction, indent: string, paint: Paint): string[] {
  const title = `${indent}${paint(KIND_STYLE[a.kind], KIND_SYMBOL[a.kind])} ${actionTitle(a)}`;
  const timing = a.timing ? [`${indent}    ${paint('dim', `# ${a.timing.summary}`)}`] : [];
  return [title, ...a.changes.map((c) => `${indent}    ${fieldLine(c, paint)}`), ...timing];
}

function fieldLine(c: FieldChange, paint: Paint): string {
  const line = changeLine(c);
  return paint(OP_STYLE[changeOp(c)], line.slice(0, 1)) + line.slice(1);
}

/** "AWS matches git" only when it does: suspended jobs that differ are named, not counted as equal. */
function noChangesLine(plan: Plan): string {
  const left = plan.jobs.filter((j) => j.status === 'Suspended' && j.differs).map((j) => j.job);
  // A light read trusts revision lists cached at the last full read: say so where it matters.
  const seen =
    plan.liveRead?.kind === 'light' ? ' as far as a light read sees (--full-read lists every revision)' : '';
  if (left.length === 0) return `No changes: AWS matches git${seen}.`;
  const n = `${left.length} suspended job${left.length === 1 ? '' : 's'}`;
  return `No changes: AWS matches git${seen}, except ${n} berth leaves alone (${left.join(', ')}).`;
}
