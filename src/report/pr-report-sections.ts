// The pieces of the pull-request report: the head (counts, validation errors) and the three
// sections, each a heading plus one table row and one collapsible block per job, so the
// assembler can cut at job boundaries.
import type { Diagnostic } from '../model/diagnostics.js';
import type { JobPlan, Plan } from '../model/plan.js';
import type { JobDiff, Review, ReviewSide } from '../model/review.js';
import { actionBrief, actionTitle, changing, isNotable } from './plan-format.js';
import { cell, detailsSection, diffLines, fenced, fieldLines, html, tableRow } from './plan-markdown.js';

export interface SectionItem {
  row: string;
  details: string;
}

export interface Section {
  /** "section 1" etc., for the truncation note. */
  name: string;
  head: string;
  tableHead: string;
  items: SectionItem[];
}

/** Diagnostics listed in the comment; the rest are counted. */
const MAX_LISTED_DIAGNOSTICS = 50;

export function sideLabel(s: ReviewSide): string {
  if (!s.commit) return code(s.label);
  const dirty = s.commit.endsWith('-dirty') ? '-dirty' : '';
  return `${code(s.label)} (${code(s.commit.slice(0, 7) + dirty)})`;
}

/** The counts a reviewer reads first, one line per question. */
export function summaryLines(r: Review): string[] {
  const lines: string[] = [];
  if (r.head.errors > 0)
    lines.push(`**Head does not validate:** ${plural(r.head.errors, 'error')}, listed below.`);
  if (r.diff) {
    const s = r.diff.summary;
    const repo = r.diff.repository.length > 0 ? `, repository settings changed` : '';
    lines.push(
      `**This pull request:** ${s.added} added, ${s.changed} changed, ${s.removed} removed, ${s.unchanged} unchanged${repo}.`,
    );
  }
  if (r.live) {
    const p = r.live.head.summary;
    const conflicts = p.conflicts > 0 ? `, ${plural(p.conflicts, 'conflict')}` : '';
    lines.push(
      `**Applying it in AWS:** ${p.create} to create, ${p.update} to update, ${p.delete} to delete${conflicts}.`,
    );
    if (r.live.base) {
      const n = driftCount(r.live.base);
      lines.push(
        `**Pre-existing drift:** ${n === 0 ? 'none' : plural(n, 'job')} (not caused by this pull request).`,
      );
    }
  } else if (r.liveSkipped) lines.push(`**AWS:** not checked (${r.liveSkipped}).`);
  return lines;
}

/** Head's errors, in full up to a limit, each with file:line:column; warnings folded away. */
export function validationBlock(side: ReviewSide): string {
  const errors = side.diagnostics.filter((d) => d.severity === 'error');
  const warnings = side.diagnostics.filter((d) => d.severity === 'warning');
  const out: string[] = [];
  if (errors.length > 0) {
    out.push(`#### Validation errors in ${code(side.label)}`, '', ...listing(errors), '');
  }
  if (warnings.length > 0) {
    out.push(`<details><summary>${plural(warnings.length, 'validation warning')}</summary>`, '');
    out.push(...listing(warnings), '', '</details>', '');
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

function listing(diags: readonly Diagnostic[]): string[] {
  const lines = diags.slice(0, MAX_LISTED_DIAGNOSTICS).flatMap((d) => {
    const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
    const first = `${where}  ${d.severity}  ${d.message}  [${d.rule}]`;
    return d.hint ? [first, `    hint: ${d.hint}`] : [first];
  });
  const more = diags.length - MAX_LISTED_DIAGNOSTICS;
  if (more > 0) lines.push(`… and ${more} more (run berth validate for all of them)`);
  return fenced('text', lines);
}

export function changeSection(r: Review): Section {
  const name = 'section 1';
  const title = '### 1. What this pull request changes\n\n';
  const base = sideLabel(r.base);
  const head = sideLabel(r.head);
  const empty = { name, tableHead: '', items: [] };
  if (!r.head.valid)
    return { ...empty, head: `${title}Not computed: the head does not validate (see above).\n\n` };
  if (!r.diff)
    return {
      ...empty,
      head: `${title}Not computed: the base ${base} does not validate (${plural(r.base.errors, 'error')}), so there is nothing to compare with.\n\n`,
    };
  const lines = [
    `${title}Desired state of ${base} → ${head}, field by field on the rendered AWS inputs (no AWS access needed).`,
    '',
  ];
  if (r.base.noConfig) lines.push(`${base} has no berth configuration: every job is new.`, '');
  if (r.diff.repository.length > 0)
    lines.push('Repository settings:', '', ...fenced('diff', r.diff.repository.flatMap(fieldLines)), '');
  if (r.diff.jobs.length === 0)
    lines.push('No job changes: every job renders the same AWS inputs as before.', '');
  return {
    name,
    head: lines.join('\n') + '\n',
    tableHead: '| Job | Change | Resources |\n| --- | --- | --- |\n',
    items: r.diff.jobs.map((j) => ({ row: jobDiffRow(j), details: jobDiffDetails(j) })),
  };
}

function jobDiffRow(j: JobDiff): string {
  const settings = j.settings.length > 0 ? [`~ settings (${plural(j.settings.length, 'field')})`] : [];
  const brief = [actionBrief(j.actions), ...settings].filter((s) => s !== '').join(', ');
  return `| \`${j.job}\` | ${j.change} | ${cell(brief || '—')} |\n`;
}

function jobDiffDetails(j: JobDiff): string {
  const body = j.actions.flatMap(diffLines);
  if (j.settings.length > 0) body.push('@@ berth settings @@', ...j.settings.flatMap(fieldLines));
  const parts = [`<details><summary><code>${html(j.job)}</code>: ${j.change}</summary>`, ''];
  if (j.file) parts.push(`File: ${code(j.file)}`, '');
  if (body.length > 0) parts.push(...fenced('diff', body), '');
  parts.push('</details>', '', '');
  return parts.join('\n');
}

export function applySection(r: Review): Section {
  const name = 'section 2';
  const title = '### 2. What applying this pull request would change in AWS\n\n';
  if (!r.live)
    return {
      name,
      head: `${title}Not checked (${r.liveSkipped ?? 'no AWS access'}).\n\n`,
      tableHead: '',
      items: [],
    };
  const plan = r.live.head;
  const intro = r.live.base
    ? `What applying ${sideLabel(r.head)} would change in AWS now, less what applying ${sideLabel(r.base)} would change as well (that is in section 3).`
    : `What applying ${sideLabel(r.head)} would change in AWS now (${r.live.baseMissing ?? 'no base plan'}, so nothing is set apart as pre-existing).`;
  const drift = r.live.base && hasDrift(r.live.base);
  const none = drift
    ? 'Nothing beyond the pre-existing drift in section 3.'
    : `Nothing: AWS already matches ${sideLabel(r.head)}.`;
  return planSection(name, title, intro, none, plan);
}

export function driftSection(r: Review): Section {
  const name = 'section 3';
  const title = '### 3. Pre-existing drift (not caused by this pull request)\n\n';
  const empty = { name, tableHead: '', items: [] };
  if (!r.live) return { ...empty, head: `${title}Not checked (${r.liveSkipped ?? 'no AWS access'}).\n\n` };
  if (!r.live.base)
    return { ...empty, head: `${title}Not available: ${r.live.baseMissing ?? 'no base plan'}.\n\n` };
  const intro =
    `What applying ${sideLabel(r.base)} would change in AWS today: out-of-band edits, a base never ` +
    'applied, leftovers. It is listed so that nobody reviewing this pull request is blamed for it.';
  return planSection(name, title, intro, `None: AWS matches ${sideLabel(r.base)}.`, r.live.base);
}

function planSection(name: string, title: string, intro: string, none: string, plan: Plan): Section {
  const notable: JobPlan[] = plan.jobs.filter(isNotable);
  const lines = [title + intro, ''];
  if (changing(plan.groupAction)) lines.push(`Schedule group: ${actionTitle(plan.groupAction)}.`, '');
  if (plan.warnings.length > 0) {
    lines.push('> [!WARNING]');
    for (const w of plan.warnings) lines.push(`> ${w}`, '>');
    lines.pop();
    lines.push('');
  }
  if (notable.length === 0 && !changing(plan.groupAction)) lines.push(none, '');
  return {
    name,
    head: lines.join('\n') + '\n',
    tableHead: '| Job | Status | Changes |\n| --- | --- | --- |\n',
    items: notable.map((j) => ({ row: tableRow(j), details: detailsSection(j) })),
  };
}

/** Jobs (and the group) that applying base would change. */
const driftCount = (base: Plan) => base.jobs.filter(isNotable).length + (changing(base.groupAction) ? 1 : 0);
const hasDrift = (base: Plan) => driftCount(base) > 0;

/** Inline code that survives backticks inside the text (git ref names may hold them). */
export function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
