// Verify results for people (failures first, each with the jobs, the place and the fix) and as JSON.
import type { CheckStatus, VerifyFinding, VerifyReport } from './types.js';

const MARK: Record<CheckStatus, string> = { failed: '✗', unknown: '?', 'not-checked': '-', ok: '✓' };
const ORDER: CheckStatus[] = ['failed', 'unknown', 'not-checked', 'ok'];
const KIND: Record<VerifyFinding['kind'], string> = {
  cluster: 'cluster',
  role: 'role',
  image: 'image',
  secret: 'secret',
  logGroup: 'log group',
  network: 'network',
  queue: 'dead-letter queue',
};

export function renderVerifyText(report: VerifyReport, opts: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  for (const status of ORDER) {
    if (status === 'ok' && !opts.verbose) continue;
    for (const f of report.findings.filter((x) => x.status === status)) {
      lines.push(`${MARK[status]} ${KIND[f.kind]}: ${f.message}`);
      lines.push(
        `    ${f.jobs.length ? `job${f.jobs.length > 1 ? 's' : ''} ${f.jobs.join(', ')}` : 'repository'} — ${f.locations.map((l) => `${l.file} ${l.field}`).join('; ')}`,
      );
      if (f.fix && status !== 'ok') lines.push(`    fix: ${f.fix}`);
    }
  }
  const s = report.summary;
  const parts = [`${s.ok} ok`, `${s.failed} failed`];
  if (s['not-checked']) parts.push(`${s['not-checked']} not checked`);
  if (s.unknown) parts.push(`${s.unknown} could not be checked`);
  lines.push(`${report.ok ? 'Verify passed' : 'Verify failed'}: ${parts.join(', ')}.`);
  return lines.join('\n') + '\n';
}

export function renderVerifyJson(report: VerifyReport): string {
  return JSON.stringify({ kind: 'berth.verify', formatVersion: 1, ...report }, null, 2) + '\n';
}
