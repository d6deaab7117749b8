// The drift report for people (text, Markdown) and machines (JSON). Pure: the values in a
// DriftReport are already masked.
import { shortRevision } from '../report/plan-format.js';
import type { DriftChange, DriftEntry, DriftReport } from './drift-report.js';

export type DriftFormat = 'text' | 'json' | 'markdown';
export const DRIFT_MARKER = '<!-- berth:drift -->';

export function renderDrift(report: DriftReport, format: DriftFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  return format === 'markdown' ? renderDriftMarkdown(report) : renderDriftText(report);
}

const show = (v: unknown) => JSON.stringify(v) ?? 'null';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function headline(r: DriftReport): string {
  const where = [
    r.scheduleGroup && `schedule group ${r.scheduleGroup}`,
    r.revision && `revision ${shortRevision(r.revision)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `berth drift${r.owner ? ` for ${r.owner}` : ''}${where ? ` (${where})` : ''}`;
}

function since(e: DriftEntry): string {
  const parts = [e.firstSeen ? `since ${e.firstSeen}` : `seen ${e.lastSeen}`];
  if (e.revision) parts.push(`at revision ${shortRevision(e.revision)}`);
  return parts.join(', ');
}

function changeLine(c: DriftChange): string {
  return `${c.path}: git ${show(c.desired)}, AWS ${show(c.live)}`;
}

const LABEL: Partial<Record<DriftChange['resource'], string>> = {
  scheduleGroup: 'schedule group',
  taskDefinitionTags: 'tags of',
};
const title = (c: DriftChange) => `${LABEL[c.resource] ?? c.resource} ${c.name}`;

/** "schedule t-a: missing in AWS" for a resource that is wholly missing or extra. */
function presenceLine(c: DriftChange): string | undefined {
  if (c.presence === 'missing') return `${title(c)}: missing in AWS (git has it)`;
  if (c.presence === 'extra') return `${title(c)}: in AWS, not in git`;
  return undefined;
}

/** "No drift" may say "AWS matches git" only when no git change is waiting either. */
function noDrift(r: DriftReport): string {
  return r.pending?.length ? 'No drift.' : 'No drift: AWS matches git.';
}

/** Jobs that differ from git by changes not yet applied: said, so silence never means equal. */
function pendingLine(r: DriftReport): string[] {
  if (!r.pending?.length) return [];
  const n = r.pending.length;
  return [
    `AWS still differs from git for ${plural(n, 'job')} by changes in git not yet applied (${r.pending.join(', ')}): see \`berth plan\`.`,
    '',
  ];
}

export function renderDriftText(r: DriftReport): string {
  const out = [headline(r), ''];
  if (r.jobs.length === 0) return [...out, noDrift(r), '', ...pendingLine(r)].join('\n');
  for (const e of r.jobs) {
    out.push(`${e.job}: ${e.action} (${since(e)})${e.file ? ` ${e.file}` : ''}`);
    if (e.message) out.push(`  # ${e.message}`);
    let resource = '';
    for (const c of e.changes) {
      const whole = presenceLine(c);
      if (whole) {
        out.push(`  ${whole}`);
        resource = '';
        continue;
      }
      if (title(c) !== resource) out.push(`  ${(resource = title(c))}`);
      out.push(`    ~ ${changeLine(c)}`);
    }
    out.push('');
  }
  out.push(`Drift: ${plural(r.drifted, 'job')} ${r.drifted === 1 ? 'differs' : 'differ'} from git.`, '');
  out.push(...pendingLine(r));
  return out.join('\n');
}

export function renderDriftMarkdown(r: DriftReport): string {
  const out = [DRIFT_MARKER, `### ${headline(r)}: ${plural(r.drifted, 'job')} drifted`, ''];
  if (r.jobs.length === 0) return [...out, noDrift(r), '', ...pendingLine(r)].join('\n');
  out.push('| Job | Action | First seen | Revision | Fields |', '| --- | --- | --- | --- | --- |');
  for (const e of r.jobs) {
    const rev = e.revision ? `\`${shortRevision(e.revision)}\`` : '—';
    out.push(`| \`${e.job}\` | ${e.action} | ${e.firstSeen ?? '—'} | ${rev} | ${e.changes.length} |`);
  }
  out.push('');
  for (const e of r.jobs) {
    out.push(`<details><summary><code>${e.job}</code>: ${e.action}</summary>`, '', '```diff');
    for (const c of e.changes) {
      const whole = presenceLine(c);
      if (whole) out.push(`! ${whole}`);
      else out.push(`- ${c.path}: ${show(c.live)}`, `+ ${c.path}: ${show(c.desired)}`);
    }
    out.push('```', '', '</details>', '');
  }
  out.push('`-` is AWS, `+` is git.', '');
  out.push(...pendingLine(r));
  return out.join('\n');
}
