// The alerts a cycle raises, as data (pure). Fingerprints name what an alert is about and never
// a time, so the same drift or the same broken commit is one alert however many cycles see it.
import { contentHash } from '../desired/hash.js';
import type { JobOutcome } from '../model/apply.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Alert } from '../notify/alert.js';
import type { DriftEntry } from './drift-report.js';

const MAX_LINES = 20;
const show = (v: unknown) => JSON.stringify(v) ?? 'null';

export interface Head {
  owner: string | undefined;
  now: Date;
}

export function capped(lines: string[]): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`];
}

function driftLines(e: DriftEntry): string[] {
  return capped(
    e.changes.map((c) => `${c.resource} ${c.name} ${c.path}: git ${show(c.desired)}, AWS ${show(c.live)}`),
  );
}

export function driftDetectedAlert(e: DriftEntry, head: Head): Alert {
  return {
    kind: 'drift-detected',
    severity: e.action === 'healed' ? 'info' : 'warning',
    title: `Drift in ${e.job}: ${e.action === 'healed' ? 'healed by berth' : e.action === 'heal-failed' ? 'healing failed' : 'reported, not changed'}`,
    lines: driftLines(e),
    owner: head.owner ?? null,
    job: e.job,
    revision: e.revision,
    fingerprint: driftDetectedFingerprint(e),
    at: head.now.toISOString(),
    data: { drift: e },
  };
}

export const driftDetectedFingerprint = (e: DriftEntry) => contentHash(['drift-detected', e.fingerprint]);

export function driftResolvedAlert(e: DriftEntry, head: Head): Alert {
  return {
    kind: 'drift-resolved',
    severity: 'info',
    title: `Drift resolved in ${e.job}${e.action === 'healed' ? ' (healed by berth)' : ''}`,
    lines: [`first seen ${e.firstSeen ?? e.lastSeen}, last seen ${e.lastSeen}`],
    owner: head.owner ?? null,
    job: e.job,
    revision: e.revision,
    fingerprint: contentHash(['drift-resolved', e.fingerprint]),
    at: head.now.toISOString(),
    data: { drift: e },
  };
}

export function applyFailedAlert(o: JobOutcome, revision: string | undefined, head: Head): Alert {
  const failed = o.steps.filter((s) => !s.ok).map((s) => `${s.step} ${s.name}: ${s.error ?? 'failed'}`);
  const error = o.error ?? { code: 'Internal', message: 'failed' };
  return {
    kind: 'apply-failed',
    severity: 'error',
    title: `Apply failed for ${o.job}: ${error.code}`,
    lines: capped([error.message, ...failed]),
    owner: head.owner ?? null,
    job: o.job,
    revision: revision ?? null,
    fingerprint: contentHash(['apply-failed', o.job, error.code, revision ?? null]),
    at: head.now.toISOString(),
    data: { error, steps: o.steps },
  };
}

export function invalidCommitAlert(revision: string, diagnostics: readonly Diagnostic[], head: Head): Alert {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return {
    kind: 'invalid-commit',
    severity: 'error',
    title: `Invalid commit ${revision.slice(0, 12)}: ${errors.length} error${errors.length === 1 ? '' : 's'}, not applied`,
    lines: capped(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message}`)),
    owner: head.owner ?? null,
    job: null,
    revision,
    fingerprint: contentHash(['invalid-commit', revision, errors.map((d) => [d.file, d.rule, d.pointer])]),
    at: head.now.toISOString(),
    data: { diagnostics: errors },
  };
}

/** One alert per outage of a source (the message varies: "after 12 ms"); forgotten on recovery. */
export const sourceFailedFingerprint = (source: string) => contentHash(['source-failed', source]);
export const sourceRecoveredFingerprint = (source: string) => contentHash(['source-recovered', source]);

export function sourceFailedAlert(
  source: string,
  error: { message: string; hint?: string | undefined; transient: boolean },
  head: Head,
): Alert {
  return {
    kind: 'source-failed',
    // A refused credential does not fix itself; a network error usually does.
    severity: error.transient ? 'warning' : 'error',
    title: `Cannot read ${source}: the last good revision stays in force, nothing is pruned`,
    lines: [error.message, ...(error.hint ? [`hint: ${error.hint}`] : [])],
    owner: head.owner ?? null,
    job: null,
    revision: null,
    fingerprint: sourceFailedFingerprint(source),
    at: head.now.toISOString(),
    data: { source, error: error.message, transient: error.transient },
  };
}

export function sourceRecoveredAlert(source: string, since: string, revision: string, head: Head): Alert {
  return {
    kind: 'source-recovered',
    severity: 'info',
    title: `${source} can be read again`,
    lines: [`unavailable since ${since}`, `head ${revision}`],
    owner: head.owner ?? null,
    job: null,
    revision,
    fingerprint: sourceRecoveredFingerprint(source),
    at: head.now.toISOString(),
    data: { source, since },
  };
}

export function historyRewrittenAlert(
  rewrite: { revision: string; previous: string; held: readonly string[] },
  head: Head,
): Alert {
  const held = rewrite.held.length;
  return {
    kind: 'history-rewritten',
    severity: 'warning',
    title:
      `History rewritten: ${rewrite.revision.slice(0, 12)} does not contain ${rewrite.previous.slice(0, 12)}` +
      (held > 0 ? `; ${held} job${held === 1 ? '' : 's'} not pruned` : ''),
    lines: capped([
      'changes are applied; deletions wait for a commit on top of the rewritten head',
      ...rewrite.held.map((j) => `not pruned: ${j}`),
    ]),
    owner: head.owner ?? null,
    job: null,
    revision: rewrite.revision,
    fingerprint: contentHash(['history-rewritten', rewrite.previous, rewrite.revision]),
    at: head.now.toISOString(),
    data: { previous: rewrite.previous, held: rewrite.held },
  };
}
