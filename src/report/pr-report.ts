// The pull-request report as one Markdown comment: a hidden marker (so CI finds and updates its
// own comment instead of adding one per push), the counts first, head's validation errors, then
// (1) what the change does to the desired state, (2) what applying it would change in AWS and
// (3) drift that was there before it. Comments have a size limit: the job tables come first (a
// reviewer should see every job a change touches), then as many per-job blocks as fit, each whole,
// and a note at the end says what was left out.
import type { Review } from '../model/review.js';
import { DEFAULT_MAX_CHARS, hardCut } from './plan-markdown.js';
import {
  applySection,
  changeSection,
  code,
  driftSection,
  plural,
  sideLabel,
  summaryLines,
  validationBlock,
  type Section,
  type SectionItem,
} from './pr-report-sections.js';

export const PR_REPORT_MARKER = '<!-- berth:pr-report -->';

export interface PrReportOptions {
  /** Defaults to GitHub's limit on a comment body. */
  maxChars?: number;
  /** The command that prints the whole report, named in the truncation note. */
  fullReportCommand?: string;
  /** One environment's part of a larger report: its heading instead of the marker and title. */
  heading?: string;
}

export function renderPrReport(review: Review, opts: PrReportOptions = {}): string {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const top = topOf(review, opts.heading);
  const sections = [changeSection(review)];
  // Without AWS the desired-state comparison is the whole report.
  if (review.live || review.liveSkipped !== undefined)
    sections.push(applySection(review), driftSection(review));

  const shown = fit(top, sections, maxChars, opts);
  const body =
    top +
    sections.map((s, i) => renderSection(s, shown[i] ?? ALL_HIDDEN)).join('') +
    note(sections, shown, maxChars, opts);
  return body.length <= maxChars ? body : hardCut(body, maxChars);
}

/** How much of a section is shown: the first `rows` table rows, the first `details` job blocks. */
interface Shown {
  rows: number;
  details: number;
}
const ALL_HIDDEN: Shown = { rows: 0, details: 0 };

function topOf(r: Review, heading?: string): string {
  const plan = r.live?.head;
  const account = plan?.account ? ` · account ${code(plan.account)}` : '';
  const region = plan?.region ? ` · region ${code(plan.region)}` : '';
  const where = r.owner
    ? ` · owner ${code(r.owner)} · schedule group ${code(r.scheduleGroup ?? '?')}${account}${region}`
    : '';
  const lines = [
    ...(heading !== undefined
      ? [heading]
      : [PR_REPORT_MARKER, `### berth: ${sideLabel(r.base)} → ${sideLabel(r.head)}`]),
    '',
    ...summaryLines(r).map((l) => `${l}  `),
    '',
    `<sub>berth review${where}</sub>`,
    '',
  ];
  return lines.join('\n') + '\n' + validationBlock(r.head);
}

function renderSection(s: Section, k: Shown): string {
  const rows = s.items.slice(0, k.rows).map((i) => i.row);
  const table = rows.length > 0 ? s.tableHead + rows.join('') + '\n' : '';
  const details = s.items.slice(0, k.details).map((i) => i.details);
  return s.head + table + details.join('') + omitted(s, k);
}

function omitted(s: Section, k: Shown): string {
  const unlisted = s.items.length - k.rows;
  const undetailed = k.rows - k.details;
  const parts = [
    ...(unlisted > 0 ? [`${plural(unlisted, 'more job')} not listed`] : []),
    ...(undetailed > 0 ? [`details of ${plural(undetailed, 'listed job')} not shown`] : []),
  ];
  return parts.length > 0 ? `_Truncated: ${parts.join('; ')} (see the note at the end)._\n\n` : '';
}

function note(
  sections: readonly Section[],
  shown: readonly Shown[],
  maxChars: number,
  opts: PrReportOptions,
): string {
  const cut = sections
    .map((s, i) => ({ s, k: shown[i] ?? ALL_HIDDEN }))
    .filter(({ s, k }) => k.details < s.items.length)
    .map(
      ({ s, k }) =>
        `${s.name} lists ${k.rows} of ${plural(s.items.length, 'job')}, ${k.details} with details`,
    );
  if (cut.length === 0) return '';
  const command = opts.fullReportCommand ?? 'berth pr-report';
  return (
    `> [!NOTE]\n> Truncated to fit a comment (at most ${maxChars} characters): ${cut.join('; ')}. ` +
    `Run ${code(command)} for the whole report.\n`
  );
}

/**
 * How much of each section fits. First the table rows, in section order, within half the
 * budget (a list of every job touched is worth more than the details of a few); then the job
 * blocks of the listed jobs, in section order. Each is a prefix, measured from prefix sums so
 * no candidate body is built.
 */
function fit(top: string, sections: readonly Section[], maxChars: number, opts: PrReportOptions): Shown[] {
  const shown = sections.map(() => ({ ...ALL_HIDDEN }));
  const sums = (f: (i: SectionItem) => string) =>
    sections.map((s) => {
      const out = [0];
      for (const item of s.items) out.push((out.at(-1) ?? 0) + f(item).length);
      return out;
    });
  const rowSums = sums((i) => i.row);
  const detailSums = sums((i) => i.details);
  const bare = (i: number, k: Shown) => {
    const s = sections[i] as Section;
    return (
      s.head.length +
      (k.rows > 0 ? s.tableHead.length + 1 : 0) +
      (rowSums[i]?.[k.rows] ?? 0) +
      (detailSums[i]?.[k.details] ?? 0)
    );
  };
  const withoutNotes = () => top.length + shown.reduce((n, k, i) => n + bare(i, k), 0);
  const size = () =>
    withoutNotes() +
    shown.reduce((n, k, i) => n + omitted(sections[i] as Section, k).length, 0) +
    note(sections, shown, maxChars, opts).length;

  const grow = (field: keyof Shown, limit: (i: number) => number, budget: number) =>
    sections.forEach((_, i) => {
      const k = shown[i] as Shown;
      let best = k[field];
      for (let n = best + 1; n <= limit(i); n++) {
        k[field] = n;
        // Past this, more can only be longer (the notes shrink, but not below zero).
        if (withoutNotes() > budget) break;
        if (size() <= budget) best = n;
      }
      k[field] = best;
    });
  grow('rows', (i) => sections[i]?.items.length ?? 0, Math.floor(maxChars / 2));
  grow('details', (i) => shown[i]?.rows ?? 0, maxChars);
  return shown;
}

/**
 * The report of a change to a repository with environments: the marker and title once, a line
 * per environment, then each environment's report on its own (its share of the size budget).
 * A repository without environments gets exactly renderPrReport.
 */
export function renderPrReports(reviews: readonly Review[], opts: PrReportOptions = {}): string {
  const first = reviews[0];
  if (!first) return '';
  if (reviews.length === 1 && first.environment === undefined) return renderPrReport(first, opts);
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const top = [
    PR_REPORT_MARKER,
    `### berth: ${sideLabel(first.base)} → ${sideLabel(first.head)}`,
    '',
    ...reviews.map((r) => `- ${environmentTitle(r)}: ${environmentBrief(r)}`),
    '',
    '',
  ].join('\n');
  const share = Math.max(1000, Math.floor((maxChars - top.length) / reviews.length));
  const parts = reviews.map((r) =>
    r.environmentRemoved
      ? `#### ${environmentTitle(r)}\n\n${sideLabel(r.head)} no longer declares this environment: berth changes nothing in it. ` +
        `Its jobs stay in AWS until a revision that still declares it removes them (\`berth apply --env ${r.environment ?? ''}\`).\n\n`
      : renderPrReport(r, {
          ...opts,
          maxChars: share,
          heading: `#### ${environmentTitle(r)}`,
          fullReportCommand: `${opts.fullReportCommand ?? 'berth pr-report'} --env ${r.environment ?? ''}`,
        }),
  );
  const body = top + parts.join('\n');
  return body.length <= maxChars ? body : hardCut(body, maxChars);
}

function environmentTitle(r: Review): string {
  return `Environment ${code(r.environment ?? '?')}${r.account ? ` (account ${code(r.account)})` : ''}`;
}

function environmentBrief(r: Review): string {
  if (r.environmentRemoved) return 'no longer declared: left alone';
  if (!r.head.valid) return `head does not validate (${plural(r.head.errors, 'error')})`;
  const parts: string[] = [];
  if (r.diff) {
    const s = r.diff.summary;
    parts.push(`${s.added} added, ${s.changed} changed, ${s.removed} removed`);
  }
  if (r.live) {
    const p = r.live.head.summary;
    parts.push(`applying: ${p.create} to create, ${p.update} to update, ${p.delete} to delete`);
  } else if (r.liveSkipped) parts.push(`AWS not checked (${r.liveSkipped})`);
  return parts.join(' · ') || 'nothing to compare';
}
