// The import report for people: each job and where it went, what could not be carried over,
// then the adoption steps. Values of environment variables never appear (changes are masked
// like plan output; notes name variables, not values).
import type { ImportedJob, ImportOutcome } from './convert.js';
import { describeOrigin } from './sources.js';

const MARK: Record<ImportOutcome, string> = {
  written: '+',
  unchanged: '=',
  exists: '!',
  blocked: '✗',
  skipped: '-',
};

export interface ImportReportInput {
  jobs: ImportedJob[];
  problems: string[];
  steps: string[];
  dryRun: boolean;
}

export function renderImportText(r: ImportReportInput): string {
  const lines: string[] = [];
  for (const j of r.jobs) {
    const from = `from ${j.source.family}:${j.source.revision}${j.source.schedule ? ` + ${describeOrigin(j.source.schedule.origin)}` : ''}`;
    const what = j.outcome === 'written' ? (r.dryRun ? 'would write' : 'wrote') : j.outcome;
    lines.push(`${MARK[j.outcome]} ${j.file} ${from}: ${what}${j.reason ? ` — ${j.reason}` : ''}`);
    for (const c of j.changes) lines.push(`    ${c}`);
    for (const d of j.diagnostics) lines.push(`    ${d.severity}: ${d.pointer || '/'} ${d.message}`);
    for (const n of j.notes) lines.push(`    note: ${n}`);
  }
  if (r.jobs.length === 0)
    lines.push('Nothing to import: the selection matched no task definition, schedule or rule.');
  for (const p of r.problems) lines.push(`! ${p}`);
  if (r.steps.length > 0) {
    lines.push('', 'What the first `berth apply` does, and what is yours to do:');
    for (const s of r.steps) lines.push(s.startsWith('    ') ? `  ${s}` : `  • ${s}`);
  }
  return lines.join('\n') + '\n';
}

/** Exit status: everything selected is in the repository, nothing was refused. */
export function importSucceeded(r: { jobs: ImportedJob[]; problems: string[] }): boolean {
  return (
    r.jobs.length > 0 &&
    r.problems.length === 0 &&
    r.jobs.every((j) => j.outcome === 'written' || j.outcome === 'unchanged')
  );
}
