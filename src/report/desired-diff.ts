// `berth diff` for terminals (terraform-style lines) and machines (a stable JSON shape). The
// Markdown form is the pull-request report without its AWS sections (pr-report.ts).
import type { Review, ReviewSide } from '../model/review.js';
import { painter, type Paint, type Style } from './ansi.js';
import { actionTitle, changeLine, changeOp, KIND_SYMBOL, shortRevision } from './plan-format.js';
import { actionJson, changeJson } from './plan-json.js';
import type { FieldChange, PlanAction } from '../model/plan.js';
import { jsonDocument, type JsonKind } from './json-envelope.js';

export const DIFF_JSON_KIND = 'berth.diff';

const CHANGE_STYLE = { added: 'green', removed: 'red', changed: 'yellow' } as const;
const KIND_STYLE: Record<PlanAction['kind'], Style> = {
  create: 'green',
  update: 'yellow',
  delete: 'red',
  noop: 'dim',
};
const OP_STYLE = { add: 'green', remove: 'red', replace: 'yellow' } as const;

export function renderDiffText(review: Review, opts: { color: boolean }): string {
  const paint = painter(opts.color);
  const out = [`${paint('bold', 'berth diff')} ${sideText(review.base)} → ${sideText(review.head)}`, ''];
  const d = review.diff;
  if (!d) {
    const broken = review.head.valid ? review.base : review.head;
    out.push(paint('red', `Not compared: ${broken.label} does not validate (${broken.errors} error(s)).`));
    return out.join('\n') + '\n';
  }
  if (review.base.noConfig)
    out.push(paint('dim', `${review.base.label} has no berth configuration: every job is new.`), '');
  if (d.repository.length > 0)
    out.push(paint('bold', 'Repository settings:'), ...fields(d.repository, '  ', paint), '');
  for (const j of d.jobs) {
    out.push(
      `${paint('bold', j.job)}: ${paint(CHANGE_STYLE[j.change], j.change)}${j.file ? ` (${j.file})` : ''}`,
    );
    for (const a of j.actions)
      out.push(
        `  ${paint(KIND_STYLE[a.kind], KIND_SYMBOL[a.kind])} ${actionTitle(a)}`,
        ...fields(a.changes, '      ', paint),
      );
    if (j.settings.length > 0) out.push('  berth settings', ...fields(j.settings, '      ', paint));
    out.push('');
  }
  if (d.jobs.length === 0 && d.repository.length === 0) out.push('No changes: both revisions want the same.');
  const s = d.summary;
  out.push(
    paint(
      'bold',
      `Diff: ${s.added} added, ${s.changed} changed, ${s.removed} removed, ${s.unchanged} unchanged.`,
    ),
  );
  return out.join('\n') + '\n';
}

function fields(changes: readonly FieldChange[], indent: string, paint: Paint): string[] {
  return changes.map((c) => {
    const line = changeLine(c);
    return indent + paint(OP_STYLE[changeOp(c)], line.slice(0, 1)) + line.slice(1);
  });
}

function sideText(s: ReviewSide): string {
  const rev = shortRevision(s.commit?.replace(/-dirty$/, ''));
  return rev ? `${s.label} (${rev}${s.commit?.endsWith('-dirty') ? '-dirty' : ''})` : s.label;
}

/** Every key always present (null when not applicable); sensitive values masked. */
export function renderDiffJson(review: Review): string {
  const d = review.diff;
  const doc = {
    kind: DIFF_JSON_KIND,
    formatVersion: 1,
    base: sideJson(review.base),
    head: sideJson(review.head),
    environment:
      review.environment !== undefined
        ? {
            name: review.environment,
            account: review.account ?? null,
            removed: review.environmentRemoved === true,
          }
        : null,
    hasChanges: d ? d.repository.length > 0 || d.jobs.length > 0 : null,
    summary: d?.summary ?? null,
    repository: d ? d.repository.map(changeJson) : null,
    jobs: d
      ? d.jobs.map((j) => ({
          job: j.job,
          change: j.change,
          file: j.file ?? null,
          actions: j.actions.map(actionJson),
          settings: j.settings.map(changeJson),
        }))
      : null,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function sideJson(s: ReviewSide) {
  return { ref: s.label, commit: s.commit ?? null, valid: s.valid, errors: s.errors, noConfig: s.noConfig };
}

export const DIFF_ENVIRONMENTS_JSON_KIND: JsonKind = 'berth.diff.environments';

/** Several environments: their diffs in one document (one alone is exactly renderDiffJson). */
export function renderDiffsJson(reviews: readonly Review[]): string {
  if (reviews.length === 1 && reviews[0]!.environment === undefined) return renderDiffJson(reviews[0]!);
  const environments = reviews.map((r) => JSON.parse(renderDiffJson(r)) as unknown);
  return jsonDocument(DIFF_ENVIRONMENTS_JSON_KIND, { environments });
}

/** Several environments: one block each under its name (one alone is exactly renderDiffText). */
export function renderDiffsText(reviews: readonly Review[], opts: { color: boolean }): string {
  if (reviews.length === 1 && reviews[0]!.environment === undefined) return renderDiffText(reviews[0]!, opts);
  const paint = painter(opts.color);
  return reviews
    .map((r) => {
      const title = paint(
        'bold',
        `environment ${r.environment ?? '?'}${r.account ? ` (account ${r.account})` : ''}`,
      );
      if (r.environmentRemoved)
        return `${title}: no longer declared at ${r.head.label}; berth leaves it alone\n`;
      return `${title}\n${renderDiffText(r, opts)}`;
    })
    .join('\n');
}
