import { describe, expect, it } from 'vitest';
import { pinnedSchedule, registerInput, scheduleClientToken } from '../../../src/apply/requests.js';
import type { ScheduleInput } from '../../../src/model/aws-types.js';
import { PENDING_REVISION, TAG } from '../../../src/model/desired.js';
import type { DesiredJob } from '../../../src/model/desired.js';
import { tagsHash } from '../../../src/plan/record.js';

const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition';

function schedule(taskDefinitionArn: string): ScheduleInput {
  return {
    Name: 'etl-daily',
    GroupName: 'g',
    ScheduleExpression: 'rate(1 day)',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: {
      Arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/etl',
      RoleArn: 'arn:aws:iam::123456789012:role/r',
      EcsParameters: { TaskDefinitionArn: taskDefinitionArn },
    },
  };
}

describe('pinnedSchedule', () => {
  it('pins a pending marker or a bare family ARN to the exact revision', () => {
    for (const arn of [PENDING_REVISION, `${TD}/etl-daily`]) {
      expect(
        pinnedSchedule(schedule(arn), `${TD}/etl-daily:7`).Target?.EcsParameters?.TaskDefinitionArn,
      ).toBe(`${TD}/etl-daily:7`);
    }
  });
  it('keeps an already pinned revision and never mutates its input', () => {
    const input = schedule(`${TD}/etl-daily:3`);
    expect(pinnedSchedule(input, `${TD}/etl-daily:7`)).toBe(input);
    const pending = schedule(PENDING_REVISION);
    pinnedSchedule(pending, `${TD}/etl-daily:7`);
    expect(pending.Target?.EcsParameters?.TaskDefinitionArn).toBe(PENDING_REVISION);
  });
  it('refuses to send a schedule without a revision', () => {
    expect(() => pinnedSchedule(schedule(PENDING_REVISION), undefined)).toThrow(
      /no task-definition revision/,
    );
  });
});

describe('scheduleClientToken', () => {
  it('is stable for the same content and ignores key order', () => {
    const a = schedule(`${TD}/x:1`);
    const b: ScheduleInput = {
      Target: a.Target,
      FlexibleTimeWindow: a.FlexibleTimeWindow,
      ScheduleExpression: a.ScheduleExpression,
      GroupName: 'g',
      Name: 'etl-daily',
    };
    expect(scheduleClientToken(a)).toBe(scheduleClientToken(b));
    expect(scheduleClientToken(a)).toHaveLength(64);
  });
  it('changes with the content', () => {
    expect(scheduleClientToken(schedule(`${TD}/x:1`))).not.toBe(scheduleClientToken(schedule(`${TD}/x:2`)));
  });
});

describe('registerInput', () => {
  const job = {
    taskDefinition: {
      family: 'etl-daily',
      containerDefinitions: [],
      tags: [{ key: TAG.job, value: 'daily' }],
    },
  } as unknown as DesiredJob;
  const hash = { key: TAG.tagsHash, value: tagsHash(job.taskDefinition.tags) };
  it('stamps the source commit tag and the tags hash, and keeps tags sorted', () => {
    expect(registerInput(job, 'abc123').tags).toEqual([
      { key: TAG.commit, value: 'abc123' },
      { key: TAG.job, value: 'daily' },
      hash,
    ]);
  });
  it('leaves the commit out when unknown', () => {
    expect(registerInput(job, undefined).tags).toEqual([{ key: TAG.job, value: 'daily' }, hash]);
  });
  it('hashes the tags the user sees, not the commit: another commit keeps the hash', () => {
    const other = {
      ...job,
      taskDefinition: {
        ...job.taskDefinition,
        tags: [...job.taskDefinition.tags!, { key: TAG.commit, value: 'x' }],
      },
    };
    expect(tagsHash(other.taskDefinition.tags)).toBe(hash.value);
  });
});
