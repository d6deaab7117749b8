// Two berth processes on one cache dir (a plan beside an apply): save() merges the family lists
// three ways, so an apply's drop of a family it registered into is not undone by a plan that
// loaded the older list before and saves after.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskLiveCache, mergeFamilies } from '../../../src/live/disk-cache.js';

const SCOPE = { endpoint: 'aws', region: 'eu-west-1', owner: 'o', group: 'g' };
const arn = (f: string, r: number) => `arn:aws:ecs:eu-west-1:123456789012:task-definition/${f}:${r}`;
const REVISION = {
  description: { family: 't-y', revision: 1, containerDefinitions: [] },
  tags: {},
} as never;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-cache-merge-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function opened(): Promise<DiskLiveCache> {
  const c = new DiskLiveCache(dir);
  await c.open(SCOPE);
  return c;
}

describe('DiskLiveCache.save with two processes', () => {
  it('a plan saving after an apply does not restore the family list the apply dropped', async () => {
    const first = await opened();
    first.recordFullRead(
      { at: '2026-12-04T10:00:00.000Z', pages: 1 },
      new Map([
        ['t-x', [arn('t-x', 7)]],
        ['t-y', [arn('t-y', 1)]],
      ]),
    );
    await first.save();

    const plan = await opened();
    const apply = await opened();
    apply.dropFamilyListing('t-x'); // registered t-x:8
    await apply.save();
    plan.putRevision(arn('t-y', 1), REVISION); // something to save
    await plan.save();

    const next = await opened();
    expect(next.getFamilyListing('t-x')).toBeUndefined();
    expect(next.getFamilyListing('t-y')).toEqual([arn('t-y', 1)]);
    expect(next.lastFullRead()?.at).toBe('2026-12-04T10:00:00.000Z');
  });

  it('keeps a list only one side changed, and drops one both changed differently', async () => {
    const first = await opened();
    first.recordFullRead(
      { at: '2026-12-04T10:00:00.000Z', pages: 1 },
      new Map([
        ['t-a', [arn('t-a', 1)]],
        ['t-b', [arn('t-b', 1)]],
      ]),
    );
    await first.save();
    const one = await opened();
    const two = await opened();
    one.putFamilyListing('t-a', [arn('t-a', 1), arn('t-a', 2)]);
    one.putFamilyListing('t-b', [arn('t-b', 2)]);
    await one.save();
    two.putFamilyListing('t-b', [arn('t-b', 1), arn('t-b', 3)]);
    two.putFamilyListing('t-c', [arn('t-c', 1)]);
    await two.save();
    const next = await opened();
    expect(next.getFamilyListing('t-a')).toEqual([arn('t-a', 1), arn('t-a', 2)]);
    expect(next.getFamilyListing('t-b')).toBeUndefined();
    expect(next.getFamilyListing('t-c')).toEqual([arn('t-c', 1)]);
    // The saving process now holds what it wrote.
    expect(two.getFamilyListing('t-a')).toEqual([arn('t-a', 1), arn('t-a', 2)]);
  });

  it('mergeFamilies: a drop on either side wins over an unchanged list', () => {
    const base = new Map([['f', ['1']]]);
    expect(mergeFamilies(base, new Map(), base).has('f')).toBe(false);
    expect(mergeFamilies(base, base, new Map()).has('f')).toBe(false);
    expect(mergeFamilies(base, new Map([['f', ['1', '2']]]), new Map()).has('f')).toBe(false);
    expect(mergeFamilies(new Map(), new Map([['f', ['1']]]), new Map([['f', ['1']]])).get('f')).toEqual([
      '1',
    ]);
  });
});
