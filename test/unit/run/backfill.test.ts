import { describe, expect, it } from 'vitest';
import type { DesiredJob } from '../../../src/model/desired.js';
import { backfill, BACKFILL_STARTED_BY } from '../../../src/run/backfill.js';
import type { BackfillEvent, BackfillRequest } from '../../../src/run/backfill.js';
import { planWindows } from '../../../src/run/backfill-plan.js';
import { emptyRecord } from '../../../src/run/backfill-record.js';
import type { BackfillRecord } from '../../../src/run/backfill-record.js';
import { formatSummary } from '../../../src/run/format-backfill.js';
import { parsePeriod } from '../../../src/run/period.js';
import { prepareRun } from '../../../src/run/prepare.js';
import { BackfillProgress } from '../../../src/run/progress.js';
import type { RunDeps } from '../../../src/run/run-job.js';
import { computeWindows, parseInstant } from '../../../src/run/windows.js';
import { FakeClock, FakeEcs, ownedTags } from './support/fakes.js';

const KEY = {
  job: 'j',
  from: '2018-01-01',
  to: '2018-01-06',
  every: 'P1D',
  timezone: 'UTC',
  container: 'etl',
};

async function setup(days = 5) {
  const ecs = new FakeEcs();
  ecs.revisions.push({
    family: 'etl-j',
    revision: 1,
    tags: ownedTags('analytics'),
    containers: [{ name: 'etl' }],
  });
  const clock = new FakeClock();
  let n = 0;
  const deps: RunDeps = { ecs, clock, uuid: () => `uuid-${++n}` };
  const job = { name: 'j', family: 'etl-j', contentHash: 'hash-1', mainContainer: 'etl' } as DesiredJob;
  const prepared = await prepareRun(ecs, {
    job,
    owner: 'analytics',
    settings: {
      cluster: 'c',
      params: { count: 1, launchType: 'FARGATE' },
      overrides: {
        containerOverrides: [{ name: 'etl', command: ['load', '{{window.start}}', '{{window.end}}'] }],
      },
      from: 'manifest',
    },
  });
  const windows = planWindows(
    prepared.settings.overrides,
    computeWindows(
      parseInstant('2018-01-01', 'UTC', 'f'),
      parseInstant(`2018-01-0${1 + days}`, 'UTC', 't'),
      parsePeriod('1 day'),
    ),
    'date',
    () => 'exec',
  );
  const writes: BackfillRecord[] = [];
  const events: BackfillEvent[] = [];
  const req: BackfillRequest = {
    prepared,
    windows,
    concurrency: 2,
    wait: true,
    skip: new Set(),
    record: emptyRecord(KEY, 'start'),
    persist: async (r) => {
      writes.push(structuredClone(r));
    },
    onEvent: (e) => events.push(e),
  };
  return { ecs, clock, deps, req, writes, events };
}

const commands = (ecs: FakeEcs) =>
  ecs.runInputs.map((i) => i.overrides!.containerOverrides![0]!.command!.join(' '));

describe('backfill', () => {
  it('runs every window with its own command, at most N at once, and records each', async () => {
    const { ecs, deps, req, writes } = await setup();
    const r = await backfill(deps, req);
    expect(r.exitCode).toBe(0);
    expect(r.results.map((x) => x.status)).toEqual(Array(5).fill('Succeeded'));
    expect(commands(ecs).sort()).toEqual([
      'load 2018-01-01 2018-01-02',
      'load 2018-01-02 2018-01-03',
      'load 2018-01-03 2018-01-04',
      'load 2018-01-04 2018-01-05',
      'load 2018-01-05 2018-01-06',
    ]);
    expect(
      ecs.runInputs.every(
        (i) => i.startedBy === BACKFILL_STARTED_BY && i.taskDefinition?.endsWith('etl-j:1'),
      ),
    ).toBe(true);
    expect(new Set(ecs.runInputs.map((i) => i.clientToken)).size).toBe(5);
    expect(ecs.maxConcurrentRuns).toBeLessThanOrEqual(2);
    // written after every window, each write holding all windows finished so far
    expect(writes.map((w) => Object.keys(w.windows).length)).toEqual([1, 2, 3, 4, 5]);
    expect(r.record.windows['2018-01-03']).toMatchObject({
      index: 3,
      status: 'Succeeded',
      exitCode: 0,
      taskArns: [expect.stringMatching(/task/)],
    });
  });

  it('skips windows that succeeded before (--resume)', async () => {
    const { ecs, deps, req, events } = await setup();
    req.skip = new Set(['2018-01-01', '2018-01-04']);
    const r = await backfill(deps, req);
    expect(commands(ecs).sort()).toEqual([
      'load 2018-01-02 2018-01-03',
      'load 2018-01-03 2018-01-04',
      'load 2018-01-05 2018-01-06',
    ]);
    expect(r.results.map((x) => x.status)).toEqual([
      'Skipped',
      'Succeeded',
      'Succeeded',
      'Skipped',
      'Succeeded',
    ]);
    expect(r.exitCode).toBe(0);
    expect(events.filter((e) => e.kind === 'skipped')).toHaveLength(2);
  });

  it('a failing window fails the backfill but not the others', async () => {
    const { ecs, deps, req } = await setup(3);
    ecs.scripts.push(
      { statuses: ['STOPPED'], exitCodes: { etl: 0 } },
      { statuses: ['STOPPED'], exitCodes: { etl: 2 }, stoppedReason: 'Essential container in task exited' },
    );
    req.concurrency = 1;
    const r = await backfill(deps, req);
    expect(r.results.map((x) => x.status)).toEqual(['Succeeded', 'Failed', 'Succeeded']);
    expect(r.results[1]).toMatchObject({ exitCode: 2, stoppedReason: 'Essential container in task exited' });
    expect(r.exitCode).toBe(1);
    expect(r.record.windows['2018-01-02']!.status).toBe('Failed');
  });

  it('stop (Ctrl-C) starts no new window, lets the running ones finish and records them', async () => {
    const { ecs, deps, req } = await setup();
    const stop = new AbortController();
    req.stop = stop.signal;
    req.concurrency = 2;
    req.onEvent = (e) => {
      if (e.kind === 'started' && e.window.index === 2) stop.abort();
    };
    const r = await backfill(deps, req);
    expect(ecs.runInputs).toHaveLength(2);
    expect(r.results.map((x) => x.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'NotStarted',
      'NotStarted',
      'NotStarted',
    ]);
    expect(r.interrupted).toBe(true);
    expect(r.exitCode).toBe(1);
    expect(Object.keys(r.record.windows).sort()).toEqual(['2018-01-01', '2018-01-02']);
  });

  it('a second Ctrl-C abandons the waiting; those windows are not counted as succeeded', async () => {
    const { ecs, deps, req } = await setup(1);
    ecs.scripts.push({ statuses: ['RUNNING'] });
    const abandon = new AbortController();
    req.abandon = abandon.signal;
    req.onEvent = (e) => {
      if (e.kind === 'started') abandon.abort();
    };
    const r = await backfill(deps, req);
    expect(r.results[0]!.status).toBe('Abandoned');
    expect(r.exitCode).toBe(1);
  });

  it('--no-wait only starts the windows', async () => {
    const { ecs, deps, req } = await setup(2);
    req.wait = false;
    const r = await backfill(deps, req);
    expect(r.results.map((x) => x.status)).toEqual(['Started', 'Started']);
    expect(ecs.describeCalls).toBe(0);
    expect(r.exitCode).toBe(0);
  });

  it('a per-window timeout is a failure', async () => {
    const { ecs, deps, req } = await setup(1);
    ecs.scripts.push({ statuses: ['RUNNING'] });
    req.timeoutMs = 10_000;
    const r = await backfill(deps, req);
    expect(r.results[0]!.status).toBe('TimedOut');
    expect(r.exitCode).toBe(1);
  });

  it('access denied stops starting further windows', async () => {
    const { ecs, deps, req } = await setup(3);
    req.concurrency = 1;
    const { BerthError } = await import('../../../src/model/errors.js');
    ecs.runTask = async () => {
      throw new BerthError('AccessDenied', 'not authorized to perform ecs:RunTask');
    };
    const r = await backfill(deps, req);
    expect(r.results.map((x) => x.status)).toEqual(['FailedToStart', 'NotStarted', 'NotStarted']);
    expect(r.fatal).toMatch(/not authorized/);
    expect(r.exitCode).toBe(1);
  });

  it('summary and progress lines name each window, its result and task', async () => {
    const { ecs, deps, clock, req } = await setup(2);
    ecs.scripts.push(
      { statuses: ['RUNNING', 'STOPPED'], exitCodes: { etl: 0 } },
      { statuses: ['STOPPED'], exitCodes: { etl: 5 } },
    );
    req.concurrency = 1;
    const out: string[] = [];
    const progress = new BackfillProgress({ write: (s) => out.push(s) }, false, clock, 2);
    req.onEvent = (e) => progress.event(e);
    const r = await backfill(deps, req);
    const lines = out.join('').split('\n');
    expect(lines[0]).toBe(
      '1/2  [2018-01-01, 2018-01-02)  started  arn:aws:ecs:us-east-1:123456789012:task/etl/task1',
    );
    expect(lines[1]).toBe('1/2  [2018-01-01, 2018-01-02)  Succeeded  exit 0  2s');
    expect(out.join('')).toContain('2/2  [2018-01-02, 2018-01-03)  Failed  exit 5');
    const meta = { ...KEY, sensitive: [] };
    const summary = formatSummary(meta, r, '.berth/backfill/j-x.json', 'berth backfill j --resume');
    expect(summary).toContain('Backfill j: 1 Succeeded, 1 Failed (2 windows)');
    expect(summary).toContain('task/etl/task2');
    expect(summary).toContain('to run the windows that did not succeed: berth backfill j --resume');
  });
});

describe('backfill when things break mid-way', () => {
  it('losing sight of a started task marks the window Abandoned (not FailedToStart) and keeps its task ARN', async () => {
    const { ecs, deps, req } = await setup(1);
    ecs.describeError = () => new Error('connection reset');
    const r = await backfill(deps, req);
    expect(r.results[0]).toMatchObject({
      status: 'Abandoned',
      error: 'stopped waiting: connection reset',
      taskArns: [expect.stringMatching(/task1$/)],
    });
    expect(r.exitCode).toBe(1);
  });

  it('a record that cannot be written does not stop the running windows; it is reported', async () => {
    const { deps, req, ecs } = await setup(3);
    req.persist = async () => {
      throw new Error('ENOSPC: no space left on device');
    };
    const r = await backfill(deps, req);
    expect(ecs.runInputs).toHaveLength(3);
    expect(r.results.map((x) => x.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(r.recordError).toMatch(/ENOSPC/);
    expect(formatSummary({ ...KEY, sensitive: [] }, r, 'f.json', 'x')).toContain(
      'warning: the record could not be written (ENOSPC: no space left on device)',
    );
  });
});
