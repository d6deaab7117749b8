import { describe, expect, it } from 'vitest';
import { renderDrift } from '../../../src/controller/drift-format.js';
import { driftEntry, driftReport, type DriftEntry } from '../../../src/controller/drift-report.js';
import { DriftTracker } from '../../../src/controller/drift-tracker.js';
import { SENSITIVE_MASK } from '../../../src/report/index.js';
import { EXPRESSION_CHANGE, jobPlan } from './fixtures.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const REV = 'a'.repeat(40);

function entry(job: string, changes = [EXPRESSION_CHANGE], when = T0): DriftEntry {
  return driftEntry(jobPlan(job, 'Drifted', changes), { now: when, revision: REV, action: 'reported' });
}

describe('DriftTracker', () => {
  it('keeps the first-seen time while the drift lasts and opens it only once', () => {
    const t = new DriftTracker();
    expect(t.observe([entry('a')], at(0)).opened.map((e) => e.job)).toEqual(['a']);
    expect(t.observe([entry('a', undefined, at(5))], at(5)).opened).toEqual([]);
    const third = t.observe([entry('a', undefined, at(10))], at(10));
    expect(third).toEqual({ opened: [], resolved: [] });
    expect(t.entries()[0]).toMatchObject({
      job: 'a',
      firstSeen: at(0).toISOString(),
      lastSeen: at(10).toISOString(),
    });
  });

  it('resolves drift that is gone, once', () => {
    const t = new DriftTracker();
    t.observe([entry('a'), entry('b')], at(0));
    const r = t.observe([entry('b')], at(5));
    expect(r.resolved.map((e) => [e.job, e.firstSeen])).toEqual([['a', at(0).toISOString()]]);
    expect(t.observe([entry('b')], at(10)).resolved).toEqual([]);
    expect(t.entries().map((e) => e.job)).toEqual(['b']);
  });

  it('reopens drift whose values changed, keeping when it started', () => {
    const t = new DriftTracker();
    t.observe([entry('a')], at(0));
    const other = { ...EXPRESSION_CHANGE, before: 'cron(0 9 * * ? *)' };
    const r = t.observe([entry('a', [other])], at(5));
    expect(r.opened).toHaveLength(1);
    expect(r.opened[0]!.firstSeen).toBe(at(0).toISOString());
  });

  it('starts afresh when drift comes back after being resolved', () => {
    const t = new DriftTracker();
    t.observe([entry('a')], at(0));
    t.observe([], at(5));
    const r = t.observe([entry('a')], at(10));
    expect(r.opened[0]!.firstSeen).toBe(at(10).toISOString());
  });
});

describe('drift entries', () => {
  it('say field, git value and AWS value, masking sensitive ones', () => {
    const secret = {
      path: '/Target/Input/containerOverrides/main/environment/API_TOKEN',
      before: 'live-secret',
      after: 'git-secret',
      sensitive: true,
    };
    const e = entry('a', [EXPRESSION_CHANGE, secret]);
    expect(e.changes).toEqual([
      {
        resource: 'schedule',
        name: 'p-a',
        path: '/ScheduleExpression',
        desired: 'cron(0 3 * * ? *)',
        live: 'cron(0 5 * * ? *)',
        sensitive: false,
      },
      {
        resource: 'schedule',
        name: 'p-a',
        path: secret.path,
        desired: SENSITIVE_MASK,
        live: SENSITIVE_MASK,
        sensitive: true,
      },
    ]);
    expect(JSON.stringify(e)).not.toMatch(/secret/);
  });

  it('fingerprint the drift by job and values, not by time or action', () => {
    const a = entry('a', undefined, at(0));
    const b = { ...entry('a', undefined, at(30)), action: 'healed' as const };
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(entry('b').fingerprint).not.toBe(a.fingerprint);
    expect(entry('a', [{ ...EXPRESSION_CHANGE, before: 'x' }]).fingerprint).not.toBe(a.fingerprint);
  });

  it('leave noop and revision actions out', () => {
    const p = jobPlan('a', 'Drifted', [EXPRESSION_CHANGE]);
    p.actions.push({ kind: 'noop', resource: 'taskDefinition', job: 'a', name: 'p-a:1', changes: [] });
    p.actions.push({
      kind: 'delete',
      resource: 'taskDefinitionRevision',
      job: 'a',
      name: 'p-a:0',
      changes: [{ path: '/x', before: 1 }],
    });
    expect(driftEntry(p, { now: T0, revision: REV, action: 'reported' }).changes).toHaveLength(1);
  });
});

describe('renderDrift', () => {
  const report = driftReport([{ ...entry('a'), firstSeen: T0.toISOString() }], {
    now: at(5),
    owner: 'etl',
    scheduleGroup: 'berth-etl',
    revision: REV,
  });

  it('text: per job, since when, at which revision, what berth did, field by field', () => {
    expect(renderDrift(report, 'text')).toBe(
      [
        'berth drift for etl (schedule group berth-etl, revision aaaaaaa)',
        '',
        'a: reported (since 2026-01-01T00:00:00.000Z, at revision aaaaaaa) jobs/a.yaml',
        '  schedule p-a',
        '    ~ /ScheduleExpression: git "cron(0 3 * * ? *)", AWS "cron(0 5 * * ? *)"',
        '',
        'Drift: 1 job differs from git.',
        '',
      ].join('\n'),
    );
  });

  it('markdown: a table and a diff per job', () => {
    const md = renderDrift(report, 'markdown');
    expect(md).toContain('<!-- berth:drift -->');
    expect(md).toContain('| `a` | reported | 2026-01-01T00:00:00.000Z | `aaaaaaa` | 1 |');
    expect(md).toContain(
      '- /ScheduleExpression: "cron(0 5 * * ? *)"\n+ /ScheduleExpression: "cron(0 3 * * ? *)"',
    );
  });

  it('json: the report itself, stable kind', () => {
    const doc = JSON.parse(renderDrift(report, 'json'));
    expect(doc).toMatchObject({
      kind: 'berth.drift',
      formatVersion: 1,
      drifted: 1,
      owner: 'etl',
      revision: REV,
    });
    expect(doc.jobs[0].changes[0]).toMatchObject({
      path: '/ScheduleExpression',
      desired: 'cron(0 3 * * ? *)',
    });
  });

  it('says so when there is no drift', () => {
    const none = driftReport([], { now: T0 });
    expect(renderDrift(none, 'text')).toContain('No drift: AWS matches git.');
    expect(renderDrift(none, 'markdown')).toContain('No drift');
  });
});
