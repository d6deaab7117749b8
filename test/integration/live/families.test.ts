import { DeregisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryLiveCache, readLiveState } from '../../../src/live/index.js';
import {
  emulatorPorts,
  ownerTags,
  rawClients,
  registerOwnedTaskDefinition,
  registerTaskDefinition,
} from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';

const OWNER = 'team-etl';

describe('readLiveState: task-definition families', () => {
  beforeEach(() => resetEmulator());

  it('groups ACTIVE revisions by family and judges ownership by the newest revision berth tagged', async () => {
    for (let i = 0; i < 3; i++) await registerOwnedTaskDefinition({ family: 'etl-owned', owner: OWNER });
    await rawClients().ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'etl-owned:1' }));
    await registerTaskDefinition('etl-lookalike'); // same prefix, never tagged by berth
    await registerTaskDefinition('etl-foreign', ownerTags('team-other'));
    // A revision registered by hand on top (no berth tags) leaves the family berth's: that is
    // drift in berth's family, not a family of someone else (issue 13, item 1).
    await registerOwnedTaskDefinition({ family: 'etl-handedover', owner: OWNER });
    await registerTaskDefinition('etl-handedover', { team: 'x' });
    await registerOwnedTaskDefinition({ family: 'reports-x', owner: OWNER }); // outside the prefix

    const ports = emulatorPorts();
    const live = await readLiveState(ports, {
      owner: OWNER,
      scheduleGroup: 'g',
      namePrefix: 'etl-',
      cache: new MemoryLiveCache(),
    });

    expect(Object.keys(live.families)).toEqual([
      'etl-foreign',
      'etl-handedover',
      'etl-lookalike',
      'etl-owned',
    ]);
    const owned = live.families['etl-owned'];
    expect(owned?.owned).toBe(true);
    expect(owned?.active.map((r) => r.revision)).toEqual([2, 3]);
    expect(owned?.latest).toMatchObject({ family: 'etl-owned', revision: 3 });
    expect(owned?.latest.arn).toMatch(/task-definition\/etl-owned:3$/);
    expect(owned?.latest.description.containerDefinitions?.[0]?.name).toBe('main');
    expect(owned?.latest.tags).toEqual(ownerTags(OWNER, 'etl-owned'));

    expect(live.families['etl-lookalike']).toMatchObject({ owned: false });
    expect(live.families['etl-lookalike']?.foreignOwner).toBeUndefined();
    expect(live.families['etl-foreign']).toMatchObject({ owned: false, foreignOwner: 'team-other' });
    expect(live.families['etl-handedover']).toMatchObject({ owned: true, latest: { revision: 2 } });
    expect(live.families['etl-handedover']?.revisions?.map((r) => r.revision)).toEqual([2, 1]);

    // The latest of each family, and below a latest berth did not tag, down to berth's newest.
    expect(live.stats.calls['ecs:DescribeTaskDefinition']).toBe(5);
    expect(live.stats.calls['ecs:ListTaskDefinitions']).toBe(1);
  });
});
