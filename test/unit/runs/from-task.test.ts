// Run records from described tasks: who started them, result, exit code, duration, logs.
import { describe, expect, it } from 'vitest';
import type { EcsTask, LiveTaskDefinitionDescription } from '../../../src/model/aws-types.js';
import {
  compareRuns,
  renderRunsText,
  runFromTask,
  schedulerStartedBy,
  triggerOf,
} from '../../../src/runs/index.js';

const NOW = Date.parse('2026-03-02T00:00:00Z');
const ARN = 'arn:aws:ecs:us-east-1:123456789012:task/etl/0123456789abcdef';
const REVISION: LiveTaskDefinitionDescription = {
  containerDefinitions: [
    {
      name: 'etl',
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/berth/etl-daily',
          'awslogs-stream-prefix': 'daily',
          'awslogs-region': 'eu-west-1',
        },
      },
    },
    { name: 'sidecar', essential: false },
  ],
};

const task = (t: Partial<EcsTask>): EcsTask => ({ taskArn: ARN, taskDefinitionArn: 'td:3', ...t });
const record = (t: Partial<EcsTask>) =>
  runFromTask(task(t), { job: 'daily', mainContainer: 'etl', revision: REVISION, now: NOW });

describe('run records', () => {
  it('tells Scheduler, berth run and backfill apart by startedBy', () => {
    expect(schedulerStartedBy('etl-daily-sales')).toBe('chronos-schedule/etl-daily-sales');
    expect(schedulerStartedBy('a-very-long-schedule-name-indeed')).toHaveLength(36);
    expect(triggerOf('chronos-schedule/etl-daily-sales')).toBe('schedule');
    expect(triggerOf('berth-run')).toBe('berth-run');
    expect(triggerOf('berth-backfill')).toBe('backfill');
    expect(triggerOf('ecs-svc/123')).toBe('other');
    expect(triggerOf(undefined)).toBe('other');
  });

  it('a failed run: the main container\u2019s code, the stop reason, the duration and the log link', () => {
    const r = record({
      lastStatus: 'STOPPED',
      startedBy: 'chronos-schedule/etl-daily',
      createdAt: new Date('2026-03-01T18:00:05Z'),
      startedAt: new Date('2026-03-01T18:00:35Z'),
      stoppedAt: new Date('2026-03-01T18:04:47Z'),
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [
        { name: 'etl', exitCode: 3, lastStatus: 'STOPPED' },
        { name: 'sidecar', exitCode: 137, lastStatus: 'STOPPED' },
      ],
    });
    expect(r).toMatchObject({
      trigger: 'schedule',
      result: 'Failed',
      exitCode: 3,
      durationSeconds: 252,
      startedAt: '2026-03-01T18:00:35.000Z',
      stopCode: 'EssentialContainerExited',
      containers: [
        { name: 'etl', essential: true, exitCode: 3, reason: null },
        { name: 'sidecar', essential: false, exitCode: 137, reason: null },
      ],
    });
    expect(r.logs).toEqual([
      {
        container: 'etl',
        group: '/berth/etl-daily',
        stream: 'daily/etl/0123456789abcdef',
        url: expect.stringContaining('eu-west-1.console.aws.amazon.com'),
      },
    ]);
    const text = renderRunsText([{ job: 'daily', runs: [r] }]);
    expect(text).toContain('Failed');
    expect(text).toContain('4m12s');
    expect(text).toContain('etl: exit 3');
    expect(text).toContain('stopped: EssentialContainerExited: Essential container in task exited');
    // Named columns, aligned with the row beneath them.
    const [, header, row] = text.split('\n');
    expect(header!.split(/\s+/).filter(Boolean)).toEqual(['result', 'started', 'took', 'exit', 'by', 'task']);
    expect(row!.indexOf('4m12s') + '4m12s'.length).toBe(header!.indexOf('took') + 'took'.length);
    expect(row!.indexOf(shortTaskOf(r.taskArn))).toBe(header!.indexOf('task'));
  });

  it('a task that never started, and one still running (duration counts to now)', () => {
    expect(
      record({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', containers: [{ name: 'etl' }] }),
    ).toMatchObject({ result: 'FailedToStart', exitCode: 1 });
    expect(
      record({ lastStatus: 'RUNNING', startedAt: new Date(NOW - 90_000), containers: [{ name: 'etl' }] }),
    ).toMatchObject({ result: 'Running', exitCode: null, durationSeconds: 90 });
    expect(record({ lastStatus: 'PROVISIONING' })).toMatchObject({
      result: 'Pending',
      durationSeconds: null,
    });
  });

  it('sorts newest first', () => {
    const a = record({ createdAt: new Date('2026-03-01T00:00:00Z') });
    const b = record({ createdAt: new Date('2026-03-01T01:00:00Z'), taskArn: `${ARN}2` });
    expect([a, b].sort(compareRuns).map((r) => r.createdAt)).toEqual([
      '2026-03-01T01:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
  });
});

function shortTaskOf(arn: string | null): string {
  return arn!.slice(arn!.lastIndexOf('/') + 1);
}
