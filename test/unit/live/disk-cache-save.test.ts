// DiskLiveCache.save writes through the shared writePrivateFile: the cache (task definitions may
// hold plain environment values) is owner-only, replaced whole, and leaves no temporary file.
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFileFor, DiskLiveCache } from '../../../src/live/disk-cache.js';

const SCOPE = { endpoint: 'aws', region: 'eu-west-1', owner: 'o', group: 'g' };
const ARN = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/t-a:1';
const REVISION = {
  description: { family: 't-a', revision: 1, containerDefinitions: [] },
  tags: { 'berth.dev/owner': 'o' },
} as never;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'berth-disk-cache-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('DiskLiveCache.save', () => {
  it('creates an owner-only directory and file, leaves no temporary file, and reads back', async () => {
    const dir = path.join(root, 'cache', 'berth');
    const cache = new DiskLiveCache(dir);
    await cache.open(SCOPE);
    cache.putRevision(ARN, REVISION);
    await cache.save();
    const file = cacheFileFor(dir, SCOPE);
    expect(await readdir(dir)).toEqual([path.basename(file)]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);

    const again = new DiskLiveCache(dir);
    await again.open(SCOPE);
    expect(again.getRevision(ARN)).toEqual(REVISION);
  });

  it('a failed write throws and leaves no temporary file', async () => {
    const dir = path.join(root, 'cache');
    const cache = new DiskLiveCache(dir);
    await cache.open(SCOPE);
    cache.putRevision(ARN, REVISION);
    await cache.save();
    const file = cacheFileFor(dir, SCOPE);
    // A directory where the file goes: the rename fails, the temporary file is removed.
    await rm(file);
    await mkdir(file);
    cache.putRevision(`${ARN.slice(0, -1)}2`, REVISION);
    await expect(cache.save()).rejects.toThrow();
    expect(await readdir(dir)).toEqual([path.basename(file)]);
  });
});
