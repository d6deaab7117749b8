import { describe, expect, it } from 'vitest';
import type { LiveRevisionRef } from '../../../src/model/live.js';
import { revisionKey, revisionsBeyondKeep } from '../../../src/plan/revisions.js';
import { hasFired, oneTimeInstant } from '../../../src/plan/one-time.js';

const revs = (...n: number[]): LiveRevisionRef[] =>
  n.map((r) => ({ arn: `arn:aws:ecs:eu-west-1:1:task-definition/f:${r}`, family: 'f', revision: r }));
const names = (r: LiveRevisionRef[]) => r.map((x) => x.revision);

describe('revisionsBeyondKeep', () => {
  it('keeps the newest N, oldest victims first', () => {
    expect(names(revisionsBeyondKeep(revs(5, 1, 3, 2, 4), 3, false, new Set()))).toEqual([1, 2]);
  });
  it('counts a revision about to be registered', () => {
    expect(names(revisionsBeyondKeep(revs(1, 2, 3), 3, true, new Set()))).toEqual([1]);
  });
  it('always keeps at least the latest', () => {
    expect(names(revisionsBeyondKeep(revs(1, 2), 0, false, new Set()))).toEqual([1]);
  });
  it('never returns a referenced revision', () => {
    expect(names(revisionsBeyondKeep(revs(1, 2, 3, 4), 1, false, new Set(['f:2'])))).toEqual([1, 3]);
  });
  it('reads family:revision from an ARN, not from a family-only ARN', () => {
    expect(revisionKey('arn:aws:ecs:eu-west-1:1:task-definition/etl-a:12')).toBe('etl-a:12');
    expect(revisionKey('arn:aws:ecs:eu-west-1:1:task-definition/etl-a')).toBeUndefined();
  });
});

describe('one-time schedules', () => {
  const at = (expr: string, tz?: string) => ({
    Name: 'x',
    ScheduleExpression: expr,
    FlexibleTimeWindow: { Mode: 'OFF' as const },
    Target: { Arn: 'a', RoleArn: 'r' },
    ...(tz ? { ScheduleExpressionTimezone: tz } : {}),
  });
  it('reads at() in the schedule time zone', () => {
    expect(oneTimeInstant(at('at(2025-03-01T03:00:00)', 'Europe/Berlin'))?.toISOString()).toBe(
      '2025-03-01T02:00:00.000Z',
    );
    expect(oneTimeInstant(at('at(2025-03-01T03:00:00)'))?.toISOString()).toBe('2025-03-01T03:00:00.000Z');
    expect(oneTimeInstant(at('rate(1 hour)'))).toBeUndefined();
  });
  it('has fired only when now is known and past the instant', () => {
    const s = at('at(2025-03-01T03:00:00)', 'Europe/Berlin');
    expect(hasFired(s, new Date('2025-03-01T02:00:00Z'))).toBe(true);
    expect(hasFired(s, new Date('2025-03-01T01:59:59Z'))).toBe(false);
    expect(hasFired(s, undefined)).toBe(false);
  });
});
