// The plan as a pull-request comment: a hidden marker (so a bot can find and replace its own
// comment), the counts first, a table, then one collapsible diff per job. Comments have a size
// limit, so the body is cut at a job boundary and says how many jobs it left out.
import type { FieldChange, JobPlan, Plan, PlanAction } from '../model/plan.js';
import {
  actionBrief,
  actionTitle,
  changeOp,
  changing,
  isNotable,
  shortRevision,
  shown,
  summaryLine,
} from './plan-format.js';

export const PLAN_MARKER = '<!-- berth:plan -->';
/** GitHub's limit on an issue or pull-request comment body. */
export const DEFAULT_MAX_CHARS = 65536;

export function renderPlanMarkdown(plan: Plan, opts: { maxChars?: number } = {}): string {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const notable = plan.jobs.filter(isNotable);
  const head = headSection(plan, notable.length);
  const rows = notable.map(tableRow);
  const details = notable.map(detailsSection);
  const tableHead = rows.length > 0 ? '| Job | Status | Changes |\n| --- | --- | --- |\n' : '';

  const note = (k: number) => (k < notable.length ? truncationNote(notable.length - k, maxChars) : '');
  const render = (k: number) =>
    head +
    (k > 0 ? tableHead + rows.slice(0, k).join('') + '\n' : '') +
    details.slice(0, k).join('') +
    note(k);

  // The most jobs that fit; each job brings its table row and its section together.
  let size = head.length;
  let fits = 0;
  for (let k = 1; k <= notable.length; k++) {
    size +=
      (rows[k - 1] as string).length +
      (details[k - 1] as string).length +
      (k === 1 ? tableHead.length + 1 : 0);
    if (size > maxChars) break;
    // The note shrinks as fewer jobs are left out, so a later k can fit where an earlier did not.
    if (size + note(k).length <= maxChars) fits = k;
  }
  const body = render(fits);
  return body.length <= maxChars ? body : hardCut(body, maxChars);
}

function headSection(plan: Plan, notable: number): string {
  const s = plan.summary;
  const title = summaryLine(s)
    .replace(/^Plan: /, '')
    .replace(/\.$/, '');
  const conflicts = s.conflicts > 0 ? ` · ${s.conflicts} conflict${s.conflicts === 1 ? '' : 's'}` : '';
  const refused = plan.refusedPrune
    ? ` · prune refused (${plan.refusedPrune.jobs.length} left in place)`
    : '';
  const revision = shortRevision(plan.revision);
  const lines = [
    PLAN_MARKER,
    `### berth plan: ${title}${conflicts}${refused}`,
    `Owner \`${plan.owner}\` · schedule group \`${plan.scheduleGroup}\`${revision ? ` · revision \`${revision}\`` : ''}`,
    '',
  ];
  const inSync = plan.jobs.length - notable;
  if (inSync > 0) lines.push(`${inSync} job${inSync === 1 ? '' : 's'} in sync.`, '');
  if (changing(plan.groupAction)) lines.push(`Schedule group: ${actionTitle(plan.groupAction)}.`, '');
  if (plan.warnings.length > 0) {
    lines.push('> [!WARNING]');
    for (const w of plan.warnings) lines.push(`> ${w}`, '>');
    lines.pop();
    lines.push('');
  }
  return lines.join('\n') + '\n';
}

export function tableRow(j: JobPlan): string {
  return `| \`${j.job}\` | ${j.status} | ${cell(actionBrief(j.actions) || '—')} |\n`;
}

export function detailsSection(j: JobPlan): string {
  const body: string[] = [];
  for (const a of j.actions.filter(changing)) body.push(...diffLines(a));
  const parts = [`<details><summary><code>${html(j.job)}</code>: ${j.status}</summary>`, ''];
  if (j.file) parts.push(`File: \`${j.file}\``, '');
  if (j.message) parts.push(`> ${j.message.replace(/\n/g, ' ')}`, '');
  if (body.length > 0) parts.push(...fenced('diff', body), '');
  parts.push('</details>', '', '');
  return parts.join('\n');
}

/** In a diff block: "@@ … @@" heads an action, "-"/"+" lines carry old and new field values. */
export function diffLines(a: PlanAction): string[] {
  if (a.kind === 'delete' && a.changes.length === 0) return [`- ${actionTitle(a)}`];
  const lines = [`@@ ${actionTitle(a)} @@`];
  for (const c of a.changes) lines.push(...fieldLines(c));
  return lines;
}

export function fieldLines(c: FieldChange): string[] {
  const op = changeOp(c);
  const before = `- ${c.path}: ${shown(c.before, c.sensitive)}`;
  const after = `+ ${c.path}: ${shown(c.after, c.sensitive)}`;
  return op === 'add' ? [after] : op === 'remove' ? [before] : [before, after];
}

/** A fence longer than any backtick run inside, so values cannot close the block. */
export function fenced(lang: string, lines: string[]): string[] {
  const longest = Math.max(
    0,
    ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))),
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [fence + lang, ...lines, fence];
}

function truncationNote(omitted: number, maxChars: number): string {
  return (
    `> [!NOTE]\n> Truncated: ${omitted} more job${omitted === 1 ? '' : 's'} not shown ` +
    `(comments are limited to ${maxChars} characters). Run \`berth plan\` for the full plan.\n`
  );
}

/** Last resort when even the head does not fit: cut at a line boundary and say so. */
export function hardCut(body: string, maxChars: number): string {
  const tail = '\n\n_(truncated)_\n';
  const cut = body.slice(0, Math.max(0, maxChars - tail.length));
  return cut.slice(0, Math.max(cut.lastIndexOf('\n'), 0)) + tail;
}

export const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
export const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
