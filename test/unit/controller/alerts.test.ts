import { describe, expect, it } from 'vitest';
import {
  applyFailedAlert,
  driftDetectedAlert,
  driftDetectedFingerprint,
  driftResolvedAlert,
  historyRewrittenAlert,
  invalidCommitAlert,
  sourceFailedAlert,
  sourceFailedFingerprint,
} from '../../../src/controller/alerts.js';
import { driftEntry } from '../../../src/controller/drift-report.js';
import type { Diagnostic } from '../../../src/model/diagnostics.js';
import { EXPRESSION_CHANGE, jobPlan } from './fixtures.js';

const head = (iso: string) => ({ owner: 'etl', now: new Date(iso) });
const REV = 'b'.repeat(40);
const drift = (iso: string) =>
  driftEntry(jobPlan('a', 'Drifted', [EXPRESSION_CHANGE]), {
    now: new Date(iso),
    revision: REV,
    action: 'reported',
  });

const diag = (line: number, message: string): Diagnostic => ({
  severity: 'error',
  file: 'jobs/a.yaml',
  line,
  column: 5,
  pointer: '/spec/schedule/expression',
  rule: 'cron/fields',
  message,
});

describe('alert fingerprints', () => {
  it('are the same for the same drift at different times (no timestamps inside)', () => {
    const one = driftDetectedAlert(drift('2026-01-01T00:00:00Z'), head('2026-01-01T00:00:00Z'));
    const two = driftDetectedAlert(drift('2026-01-02T09:30:00Z'), head('2026-01-02T09:30:00Z'));
    expect(one.at).not.toBe(two.at);
    expect(one.fingerprint).toBe(two.fingerprint);
    expect(one.fingerprint).toBe(driftDetectedFingerprint(drift('2026-03-01T00:00:00Z')));
  });

  it('differ between detected and resolved, and between kinds', () => {
    const e = drift('2026-01-01T00:00:00Z');
    const h = head('2026-01-01T00:00:00Z');
    const fps = new Set([
      driftDetectedAlert(e, h).fingerprint,
      driftResolvedAlert(e, h).fingerprint,
      invalidCommitAlert(REV, [diag(3, 'x')], h).fingerprint,
      applyFailedAlert(
        { job: 'a', outcome: 'failed', steps: [], durationMs: 1, error: { code: 'Throttled', message: 'x' } },
        REV,
        h,
      ).fingerprint,
    ]);
    expect(fps.size).toBe(4);
  });

  it('of an invalid commit depend on the revision and which rules failed where, not on wording or time', () => {
    const h1 = head('2026-01-01T00:00:00Z');
    const h2 = head('2026-01-05T00:00:00Z');
    const a = invalidCommitAlert(REV, [diag(3, 'bad cron')], h1);
    expect(invalidCommitAlert(REV, [diag(3, 'bad cron (reworded)')], h2).fingerprint).toBe(a.fingerprint);
    expect(invalidCommitAlert('c'.repeat(40), [diag(3, 'bad cron')], h1).fingerprint).not.toBe(a.fingerprint);
  });

  it('of an apply failure depend on job, error code and revision', () => {
    const o = {
      job: 'a',
      outcome: 'failed' as const,
      steps: [],
      durationMs: 1,
      error: { code: 'AccessDenied', message: 'm1' },
    };
    const h = head('2026-01-01T00:00:00Z');
    const base = applyFailedAlert(o, REV, h).fingerprint;
    expect(
      applyFailedAlert({ ...o, error: { code: 'AccessDenied', message: 'request id 42' } }, REV, h)
        .fingerprint,
    ).toBe(base);
    expect(applyFailedAlert({ ...o, job: 'b' }, REV, h).fingerprint).not.toBe(base);
  });
});

describe('alert content', () => {
  it('an invalid commit lists positioned errors', () => {
    const a = invalidCommitAlert(
      REV,
      [diag(3, 'day-of-month or day-of-week must be ?'), { ...diag(9, 'warn'), severity: 'warning' }],
      head('2026-01-01T00:00:00Z'),
    );
    expect(a).toMatchObject({ kind: 'invalid-commit', severity: 'error', revision: REV, job: null });
    expect(a.title).toBe(`Invalid commit ${REV.slice(0, 12)}: 1 error, not applied`);
    expect(a.lines).toEqual(['jobs/a.yaml:3:5 cron/fields: day-of-month or day-of-week must be ?']);
  });

  it('drift says field, git and AWS values, and what berth did', () => {
    const e = { ...drift('2026-01-01T00:00:00Z'), action: 'healed' as const };
    const a = driftDetectedAlert(e, head('2026-01-01T00:00:00Z'));
    expect(a.title).toBe('Drift in a: healed by berth');
    expect(a.severity).toBe('info');
    expect(a.lines).toEqual([
      'schedule p-a /ScheduleExpression: git "cron(0 3 * * ? *)", AWS "cron(0 5 * * ? *)"',
    ]);
  });

  it('caps long detail lists', () => {
    const many = Array.from({ length: 30 }, (_, i) => diag(i + 1, `e${i}`));
    const a = invalidCommitAlert(REV, many, head('2026-01-01T00:00:00Z'));
    expect(a.lines).toHaveLength(21);
    expect(a.lines.at(-1)).toBe('… and 10 more');
  });
});

describe('source alerts', () => {
  const SOURCE = 'https://***:***@git.example.com/acme/jobs.git#main';

  it('are one per outage whatever git says each time, an error only when it will not fix itself', () => {
    const blip = (ms: number) => ({
      message: `${SOURCE}: fatal: unable to access: Failed to connect after ${ms} ms`,
      transient: true,
    });
    const one = sourceFailedAlert(SOURCE, blip(0), head('2026-01-01T00:00:00Z'));
    const two = sourceFailedAlert(SOURCE, blip(7), head('2026-01-01T00:05:00Z'));
    expect(one.fingerprint).toBe(two.fingerprint);
    expect(one.fingerprint).toBe(sourceFailedFingerprint(SOURCE));
    expect(one).toMatchObject({ kind: 'source-failed', severity: 'warning', job: null });
    const auth = sourceFailedAlert(
      SOURCE,
      { message: `${SOURCE}: fatal: Authentication failed`, transient: false, hint: 'check the credentials' },
      head('2026-01-01T00:00:00Z'),
    );
    expect(auth.severity).toBe('error');
    expect(auth.lines).toEqual([`${SOURCE}: fatal: Authentication failed`, 'hint: check the credentials']);
  });

  it('name the jobs a rewritten history keeps from being pruned', () => {
    const a = historyRewrittenAlert(
      { revision: 'c'.repeat(40), previous: REV, held: ['nightly', 'weekly'] },
      head('2026-01-01T00:00:00Z'),
    );
    expect(a).toMatchObject({ kind: 'history-rewritten', severity: 'warning', revision: 'c'.repeat(40) });
    expect(a.title).toBe(
      `History rewritten: ${'c'.repeat(12)} does not contain ${'b'.repeat(12)}; 2 jobs not pruned`,
    );
    expect(a.lines.slice(1)).toEqual(['not pruned: nightly', 'not pruned: weekly']);
  });
});
