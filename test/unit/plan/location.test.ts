// The account and region a plan applies to, for every plan header.
import { describe, expect, it } from 'vitest';
import type { DesiredState } from '../../../src/model/desired.js';
import type { LiveState } from '../../../src/model/live.js';
import { planLocation } from '../../../src/plan/location.js';

const desired = {
  region: 'us-east-1',
  clusterArn: 'arn:aws:ecs:us-east-1:111111111111:cluster/etl',
} as DesiredState;
const live = (over: Partial<LiveState>): LiveState =>
  ({ group: { name: 'g', status: 'missing', tags: {} }, families: {}, schedules: {}, ...over }) as LiveState;

describe('planLocation', () => {
  it('reads the account from the ARNs berth read, and the region it read from', () => {
    const l = live({
      region: 'us-east-1',
      group: {
        name: 'g',
        status: 'owned',
        tags: {},
        arn: 'arn:aws:scheduler:us-east-1:111111111111:schedule-group/g',
      },
    });
    expect(planLocation(desired, l)).toEqual({
      region: 'us-east-1',
      account: '111111111111',
      accountSource: 'aws',
    });
  });

  it('falls back to the task-definition ARNs, then to berth.yaml (and says so)', () => {
    const fam = {
      f: { latest: { arn: 'arn:aws:ecs:us-east-1:111111111111:task-definition/f:3' } },
    } as unknown as LiveState['families'];
    expect(planLocation(desired, live({ families: fam })).accountSource).toBe('aws');
    expect(planLocation(desired, live({}))).toEqual({
      region: 'us-east-1',
      account: '111111111111',
      accountSource: 'berth.yaml',
    });
  });

  it('warns when the credentials reach another account than berth.yaml names', () => {
    const l = live({
      group: {
        name: 'g',
        status: 'owned',
        tags: {},
        arn: 'arn:aws:scheduler:us-east-1:222222222222:schedule-group/g',
      },
    });
    expect(planLocation(desired, l).warning).toMatch(
      /credentials reach account 222222222222, but berth.yaml's cluster is in account 111111111111/,
    );
  });
});
