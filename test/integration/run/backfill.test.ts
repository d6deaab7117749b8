// `berth backfill` against the emulator: one task per window with that window's command,
// and a resumed backfill that starts only the windows its record lacks.
import { readFile, rm } from 'node:fs/promises';
import { ListTasksCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfill, BACKFILL_STARTED_BY } from '../../../src/run/backfill.js';
import { planWindows } from '../../../src/run/backfill-plan.js';
import {
  backfillKeyHash,
  defaultRecordPath,
  emptyRecord,
  writeRecord,
} from '../../../src/run/backfill-record.js';
import type { BackfillKey, BackfillRecord } from '../../../src/run/backfill-record.js';
import { applyCliOverrides } from '../../../src/run/overrides.js';
import { parsePeriod } from '../../../src/run/period.js';
import { prepareRun } from '../../../src/run/prepare.js';
import type { RunDeps } from '../../../src/run/run-job.js';
import { computeWindows, parseInstant } from '../../../src/run/windows.js';
import { emulatorPorts, rawClients } from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';
import {
  berth,
  commandOf,
  describeTasks,
  makeRepo,
  OWNER,
  quickClock,
  setTaskTransition,
} from './support.js';
import type { TestRepo } from './support.js';

let repo: TestRepo;
let deps: RunDeps;

beforeEach(async () => {
  await resetEmulator();
  repo = await makeRepo();
  deps = { ecs: emulatorPorts().ecs, clock: quickClock, uuid: () => crypto.randomUUID() };
});
afterEach(async () => {
  await setTaskTransition(undefined);
  await rm(repo.dir, { recursive: true, force: true });
});

async function backfillTaskArns(cluster: string): Promise<string[]> {
  const out = await rawClients().ecs.send(new ListTasksCommand({ cluster, startedBy: BACKFILL_STARTED_BY }));
  return out.taskArns ?? [];
}

describe('berth backfill (emulator)', () => {
  it('starts one task per window, each with its window in the command, and records them', async () => {
    await repo.apply(emulatorPorts(), 'reprocess');
    const ctx = await repo.context('reprocess');
    const prepared = await prepareRun(deps.ecs, { job: ctx.job, owner: OWNER, settings: ctx.settings });
    const overrides = applyCliOverrides(ctx.settings.overrides, {
      container: 'reprocess',
      args: ['{{window.start}}', '{{window.end}}'],
    });
    const windows = computeWindows(
      parseInstant('2018-01-01', 'UTC', 'f'),
      parseInstant('2018-04-01', 'UTC', 't'),
      parsePeriod('1 month'),
    );
    const writes: BackfillRecord[] = [];
    const result = await backfill(deps, {
      prepared,
      windows: planWindows(overrides, windows, 'date', () => 'x'),
      concurrency: 2,
      wait: true,
      skip: new Set(),
      record: emptyRecord(
        {
          job: 'reprocess',
          from: '2018-01-01',
          to: '2018-04-01',
          every: 'P1M',
          timezone: 'UTC',
          container: 'reprocess',
        },
        'now',
      ),
      persist: async (r) => {
        writes.push(r);
      },
    });

    expect(result.exitCode).toBe(0);
    expect(result.results.map((r) => r.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    const tasks = await describeTasks(
      repo.clusterArn,
      result.results.flatMap((r) => r.taskArns),
    );
    expect(tasks.map((t) => commandOf(t, 'reprocess')).sort()).toEqual([
      ['2018-01-01', '2018-02-01'],
      ['2018-02-01', '2018-03-01'],
      ['2018-03-01', '2018-04-01'],
    ]);
    expect(await backfillTaskArns(repo.clusterArn)).toHaveLength(3);
    expect(writes).toHaveLength(3);
    expect(Object.values(result.record.windows).map((w) => w.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded',
    ]);
  });

  it('the CLI: --dry-run starts nothing; a run writes the record; --resume runs only the windows it lacks', async () => {
    await setTaskTransition({ progression: 'immediate' });
    await repo.apply(emulatorPorts(), 'reprocess');
    const args = [
      'backfill',
      'reprocess',
      '--from',
      '2018-01-01',
      '--to',
      '2018-04-01',
      '--every',
      '1 month',
      '--concurrency',
      '2',
    ];
    const windowArgs = ['--', '{{window.start}}', '{{window.end}}'];

    const dry = await berth(repo.dir, [...args, '--dry-run', ...windowArgs]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('3/3  [2018-03-01, 2018-04-01)');
    expect(dry.stdout).toContain('reprocess: command 2018-03-01 2018-04-01');
    expect(await backfillTaskArns(repo.clusterArn)).toHaveLength(0);

    // a record in which windows 1 and 3 already succeeded (as an interrupted run leaves it)
    const key: BackfillKey = {
      job: 'reprocess',
      from: '2018-01-01',
      to: '2018-04-01',
      every: 'P1M',
      timezone: 'UTC',
      container: 'reprocess',
      args: ['{{window.start}}', '{{window.end}}'],
    };
    const file = defaultRecordPath(repo.dir, key);
    const record = emptyRecord(key, 'earlier');
    for (const [index, start, end] of [
      [1, '2018-01-01', '2018-02-01'],
      [3, '2018-03-01', '2018-04-01'],
    ] as const)
      record.windows[start] = {
        index,
        start,
        end,
        status: 'Succeeded',
        taskArns: ['earlier'],
        exitCode: 0,
        at: 'earlier',
      };
    await writeRecord(file, record);

    const resumed = await berth(repo.dir, [...args, '--resume', '-o', 'json', ...windowArgs]);
    expect(resumed.code).toBe(0);
    const json = JSON.parse(resumed.stdout) as {
      windows: { start: string; status: string; taskArns: string[] }[];
      record: string;
    };
    expect(json.windows.map((w) => w.status)).toEqual(['Skipped', 'Succeeded', 'Skipped']);
    const arns = await backfillTaskArns(repo.clusterArn);
    expect(arns).toHaveLength(1);
    const [task] = await describeTasks(repo.clusterArn, arns);
    expect(commandOf(task!, 'reprocess')).toEqual(['2018-02-01', '2018-03-01']);

    const after = JSON.parse(await readFile(file, 'utf8')) as BackfillRecord;
    expect(after.key).toBe(backfillKeyHash(key));
    expect(Object.keys(after.windows).sort()).toEqual(['2018-01-01', '2018-02-01', '2018-03-01']);
    expect(after.windows['2018-02-01']).toMatchObject({ status: 'Succeeded', taskArns: arns });
  });
});
