import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DiskLiveCache,
  MemoryLiveCache,
  cacheFileFor,
  readLiveState,
  type LiveCache,
} from '../../../src/live/index.js';
import type { AwsPorts } from '../../../src/model/ports.js';
import {
  createCluster,
  emulatorPorts,
  registerOwnedTaskDefinition,
  registerTaskDefinition,
  scheduleInput,
  seedOwnedJobs,
  updateScheduleOutOfBand,
} from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';

const OWNER = 'team-etl';
const GROUP = 'berth-etl';
const PREFIX = 'etl-';
const N = 30;
/** Enough jobs to see per-job calls, few enough to keep the emulator quick. */
const SMALL = 8;

const read = (ports: AwsPorts, cache: LiveCache) =>
  readLiveState(ports, { owner: OWNER, scheduleGroup: GROUP, namePrefix: PREFIX, cache });

const LISTINGS = {
  'scheduler:GetScheduleGroup': 1,
  'scheduler:ListTagsForResource': 1,
  // The groups berth owned under other names (renames): one listing; this account has no other.
  'scheduler:ListScheduleGroups': 1,
  'ecs:ListTaskDefinitions': 1,
  'scheduler:ListSchedules': 1,
};
/** A warm read within the full-read interval: family names by prefix, revisions from the cache. */
const LIGHT = (() => {
  const { 'ecs:ListTaskDefinitions': _full, ...rest } = LISTINGS;
  return { ...rest, 'ecs:ListTaskDefinitionFamilies': 1 };
})();

describe('readLiveState: cache, call counts, fingerprint', () => {
  let dir: string;
  let clusterArn: string;
  let seeded: { names: string[]; arns: string[] };

  beforeEach(async () => {
    await resetEmulator();
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-cache-'));
    clusterArn = await createCluster('etl');
  });
  const seed = async (n: number) => {
    seeded = await seedOwnedJobs({ n, owner: OWNER, prefix: PREFIX, group: GROUP, clusterArn });
  };
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it(`a cold read of ${N} jobs describes each once; a warm read only lists`, async () => {
    await seed(N);
    const ports = emulatorPorts();
    const cache = new MemoryLiveCache();

    const cold = await read(ports, cache);
    expect(cold.stats.calls).toEqual({
      ...LISTINGS,
      'ecs:DescribeTaskDefinition': N,
      'scheduler:GetSchedule': N,
    });
    expect(cold.stats).toMatchObject({ cacheHits: 0, cacheMisses: 2 * N, schedulesSkipped: 0 });
    expect(Object.values(cold.families).every((f) => f.owned)).toBe(true);
    expect(Object.keys(cold.schedules)).toEqual(seeded.names);

    expect(cold.read).toMatchObject({ kind: 'full', reason: 'cold' });
    const warm = await read(ports, cache);
    expect(warm.stats.calls).toEqual(LIGHT);
    expect(warm.read).toEqual({ kind: 'light', lastFullRead: cold.read?.lastFullRead, familiesListed: 0 });
    expect(warm.stats).toMatchObject({ cacheHits: 2 * N, cacheMisses: 0, schedulesSkipped: N });
    expect(warm.families).toEqual(cold.families);
    expect(warm.schedules).toEqual(cold.schedules);
    expect(warm.fingerprint).toBe(cold.fingerprint);
  });

  it('the disk cache survives a new process (new ports, new cache object) and writes nothing when warm', async () => {
    await seed(SMALL);
    const first = await read(emulatorPorts(), new DiskLiveCache(dir));
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^live-[0-9a-f]{32}\.json$/);
    const file = path.join(dir, files[0] ?? '');
    const written = await readFile(file, 'utf8');

    const second = await read(emulatorPorts(), new DiskLiveCache(dir));
    expect(second.stats.calls).toEqual(LIGHT);
    expect(second.families).toEqual(first.families);
    expect(second.schedules).toEqual(first.schedules);
    expect(second.schedules[seeded.names[0] ?? '']?.description.CreationDate).toBeInstanceOf(Date);
    expect(await readFile(file, 'utf8')).toBe(written);
    expect(await readdir(dir)).toHaveLength(1); // no temp files left behind
  });

  it('ignores a corrupt cache file, reads cold, and replaces it with a good one', async () => {
    await seed(SMALL);
    const ports = emulatorPorts();
    const conn = await ports.connection!();
    const file = cacheFileFor(dir, { ...conn, owner: OWNER, group: GROUP });
    await writeFile(file, '{"format":1,"scope":"x","revisions": {tru');

    const live = await read(ports, new DiskLiveCache(dir));
    expect(live.stats.calls['ecs:DescribeTaskDefinition']).toBe(SMALL);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 1 });

    const again = await read(emulatorPorts(), new DiskLiveCache(dir));
    expect(again.stats.calls).toEqual(LIGHT);
  });

  it('keeps scopes apart: another owner or group never sees these entries', async () => {
    await seed(SMALL);
    await read(emulatorPorts(), new DiskLiveCache(dir));
    const other = await readLiveState(emulatorPorts(), {
      owner: 'someone-else',
      scheduleGroup: GROUP,
      namePrefix: PREFIX,
      cache: new DiskLiveCache(dir),
    });
    expect(other.stats.calls['ecs:DescribeTaskDefinition']).toBe(SMALL);
    expect(other.group.status).toBe('foreign');
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('the fingerprint moves with out-of-band changes to what berth reads, and only then', async () => {
    await seed(SMALL);
    const ports = emulatorPorts();
    // Full reads every time: a light read does not see an unpinned revision (light-read.test.ts).
    const cache = new MemoryLiveCache({ fullReadIntervalMs: 0 });
    const base = (await read(ports, cache)).fingerprint;
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await read(ports, cache)).fingerprint).toBe(base);

    await registerTaskDefinition('reports-unrelated'); // outside the prefix
    expect((await read(ports, cache)).fingerprint).toBe(base);

    await registerOwnedTaskDefinition({ family: seeded.names[3] ?? '', owner: OWNER });
    const afterRegister = await read(ports, cache);
    expect(afterRegister.fingerprint).not.toBe(base);
    expect(afterRegister.stats.calls['ecs:DescribeTaskDefinition']).toBe(1);
    expect((await read(ports, cache)).fingerprint).toBe(afterRegister.fingerprint);

    await new Promise((r) => setTimeout(r, 5)); // LastModificationDate has millisecond resolution
    const name = seeded.names[7] ?? '';
    await updateScheduleOutOfBand({
      ...scheduleInput({ group: GROUP, name, taskDefinitionArn: seeded.arns[7] ?? '', clusterArn }),
      ScheduleExpression: 'rate(2 hours)',
    });
    const afterUpdate = await read(ports, cache);
    expect(afterUpdate.fingerprint).not.toBe(afterRegister.fingerprint);
    expect(afterUpdate.stats.calls['scheduler:GetSchedule']).toBe(1);
    expect(afterUpdate.schedules[name]?.description.ScheduleExpression).toBe('rate(2 hours)');
    expect((await read(ports, cache)).fingerprint).toBe(afterUpdate.fingerprint);
  });
});
