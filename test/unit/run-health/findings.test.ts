// What the run watcher finds: failed and never-started runs, failed invocations, missed fire
// times, runs past maxDuration, firings over a run still going; and how the history merges.
import { describe, expect, it } from 'vitest';
import type { DesiredJob } from '../../../src/model/desired.js';
import type { RunRecord } from '../../../src/model/runs.js';
import { runAlert } from '../../../src/run-health/alerts.js';
import { checkJobRuns, type CheckInput } from '../../../src/run-health/findings.js';
import { RunHistory } from '../../../src/run-health/history.js';

const T = (iso: string) => Date.parse(iso);

function job(over: Partial<DesiredJob> = {}, expression = 'cron(0 3 * * ? *)'): DesiredJob {
  return {
    name: 'daily',
    family: 'etl-daily',
    scheduleName: 'etl-daily',
    source: { file: 'jobs/daily.yaml' },
    taskDefinition: { family: 'etl-daily', containerDefinitions: [] },
    schedule: {
      Name: 'etl-daily',
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: 'arn:aws:ecs:us-east-1:1:cluster/etl', RoleArn: 'r' },
    },
    oneTime: false,
    contentHash: 'h',
    sync: { suspend: false, selfHeal: false, preventDestroy: false },
    mainContainer: 'etl',
    sensitiveEnv: [],
    ...over,
  } as DesiredJob;
}

function run(over: Partial<RunRecord>): RunRecord {
  return {
    job: 'daily',
    taskArn: 'arn:aws:ecs:us-east-1:1:task/etl/t1',
    taskDefinitionArn: 'td:1',
    trigger: 'schedule',
    startedBy: 'chronos-schedule/etl-daily',
    createdAt: '2026-03-02T03:00:20.000Z',
    startedAt: '2026-03-02T03:00:40.000Z',
    stoppedAt: null,
    durationSeconds: 60,
    lastStatus: 'RUNNING',
    result: 'Running',
    exitCode: null,
    containers: [],
    stopCode: null,
    stoppedReason: null,
    logs: [],
    source: 'ecs',
    error: null,
    ...over,
  };
}

function check(over: Partial<CheckInput>) {
  return checkJobRuns({
    job: job(),
    runs: [],
    changed: [],
    now: T('2026-03-02T04:00:00Z'),
    missedFrom: T('2026-03-02T00:00:00Z'),
    overlapFrom: T('2026-03-02T04:00:00Z'),
    graceMinutes: 10,
    scheduleLive: true,
    ...over,
  });
}

describe('run findings', () => {
  it('a fire time with no task started by the schedule is a missed run, once', () => {
    const r = check({});
    expect(r.findings).toEqual([
      { kind: 'run-missed', job: 'daily', fireTime: '2026-03-02T03:00:00.000Z', graceMinutes: 10 },
    ]);
    // the next check starts where this one ended: the same fire time is not reported again
    expect(check({ missedFrom: r.missedUntil }).findings).toEqual([]);
  });

  it('a task started by the schedule within the grace period is no missed run; one by berth run is', () => {
    expect(check({ runs: [run({})] }).findings).toEqual([]);
    expect(check({ runs: [run({ trigger: 'berth-run' })] }).findings.map((f) => f.kind)).toEqual([
      'run-missed',
    ]);
    const late = run({ createdAt: '2026-03-02T03:20:00.000Z' });
    expect(check({ runs: [late] }).findings.map((f) => f.kind)).toEqual(['run-missed']);
  });

  it('waits for the grace period and the flexible window before calling a run missed', () => {
    const flexible = job({
      schedule: { ...job().schedule!, FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 30 } },
    });
    expect(check({ now: T('2026-03-02T03:09:00Z') }).findings).toEqual([]);
    expect(check({ job: flexible, now: T('2026-03-02T03:35:00Z') }).findings).toEqual([]);
    expect(check({ job: flexible, now: T('2026-03-02T03:41:00Z') }).findings).toHaveLength(1);
  });

  it('no missed runs for a schedule not in AWS, disabled, or rate() with no known start', () => {
    expect(check({ scheduleLive: false }).findings).toEqual([]);
    const off = job({ schedule: { ...job().schedule!, State: 'DISABLED' } });
    expect(check({ job: off }).findings).toEqual([]);
    expect(check({ job: job({}, 'rate(1 hour)') }).findings).toEqual([]);
  });

  it('reports failed runs and failed invocations that changed', () => {
    const failed = run({ result: 'Failed', lastStatus: 'STOPPED', exitCode: 3 });
    const invocation = run({ taskArn: null, result: 'InvocationFailed', error: 'ECS RunTask: AccessDenied' });
    const r = check({ runs: [failed, invocation], changed: [failed, invocation] });
    expect(r.findings.map((f) => f.kind)).toEqual(['run-failed', 'run-invocation-failed']);
  });

  it('a run past maxDuration, and whether it is to be stopped', () => {
    const long = job({
      health: { maxDurationMs: 30 * 60_000, stopAfterMaxDuration: true, overlap: 'allow' },
    });
    const r = check({ job: long, runs: [run({ durationSeconds: 31 * 60 })] });
    expect(r.findings).toContainEqual(expect.objectContaining({ kind: 'run-overran', stopping: true }));
    expect(check({ job: long, runs: [run({ durationSeconds: 29 * 60 })] }).findings).toEqual([]);
  });

  it('a firing while the previous run still runs is an overlap when the job asks', () => {
    const hourly = job({ health: { stopAfterMaxDuration: false, overlap: 'alert' } }, 'cron(0 * * * ? *)');
    const long = run({ createdAt: '2026-03-02T03:00:10.000Z', durationSeconds: 3600 });
    const newer = run({
      taskArn: 'arn:aws:ecs:us-east-1:1:task/etl/t2',
      createdAt: '2026-03-02T04:00:10.000Z',
    });
    const r = check({
      job: hourly,
      runs: [newer, long],
      now: T('2026-03-02T04:01:00Z'),
      missedFrom: T('2026-03-02T04:01:00Z'),
      overlapFrom: T('2026-03-02T03:30:00Z'),
    });
    expect(r.findings).toEqual([
      expect.objectContaining({ kind: 'run-overlap', fireTime: '2026-03-02T04:00:00.000Z', running: long }),
    ]);
  });

  it('alerts name the task, the exit code and the logs, and deduplicate by task', () => {
    const failed = run({
      result: 'Failed',
      exitCode: 3,
      containers: [{ name: 'etl', essential: true, exitCode: 3, reason: null }],
      logs: [{ container: 'etl', group: 'g', stream: 's', url: 'https://console.example/x' }],
    });
    const head = { owner: 'o', revision: 'abc', now: new Date(T('2026-03-02T04:00:00Z')) };
    const a = runAlert({ kind: 'run-failed', job: 'daily', run: failed }, head);
    expect(a.title).toBe('Run of daily failed: exit 3');
    expect(a.lines).toContain('etl: exit 3');
    expect(a.lines).toContain('logs etl: https://console.example/x');
    const later = runAlert({ kind: 'run-failed', job: 'daily', run: failed }, { ...head, now: new Date() });
    expect(later.fingerprint).toBe(a.fingerprint);
  });
});

describe('run history', () => {
  it('keeps one record per task, the most advanced, and the newest `keep` per job', () => {
    const h = new RunHistory(() => 2);
    const first = run({});
    expect(h.merge([first])).toEqual([first]);
    // a later reading of the same state is no news; the duration is counted to its time
    expect(h.merge([{ ...first, startedAt: null }], T('2026-03-02T03:02:10Z'))).toEqual([]);
    expect(h.runs('daily')[0]).toMatchObject({ durationSeconds: 90, startedAt: first.startedAt });
    const stopped = { ...first, lastStatus: 'STOPPED', result: 'Succeeded' as const, exitCode: 0 };
    expect(h.merge([stopped])).toHaveLength(1);
    // an older reading (still RUNNING) does not undo it
    expect(h.merge([first])).toEqual([]);
    expect(h.runs('daily')[0]!.result).toBe('Succeeded');
    h.merge([
      run({ taskArn: 'x/t2', createdAt: '2026-03-03T03:00:00.000Z' }),
      run({ taskArn: 'x/t3', createdAt: '2026-03-04T03:00:00.000Z' }),
    ]);
    expect(h.runs('daily').map((r) => r.taskArn)).toEqual(['x/t3', 'x/t2']);
  });
});
