// The local directory source: a burst of file writes is one change (debounced); edits give a
// new snapshot id so the controller re-evaluates; .git is ignored.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSource } from '../../../src/source/local-source.js';

let dir: string;
let stop: (() => Promise<void>) | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-local-'));
  await mkdir(path.join(dir, 'jobs'));
  await mkdir(path.join(dir, '.git'));
  await writeFile(path.join(dir, 'berth.yaml'), 'a: 1\n');
});

afterEach(async () => {
  await stop?.();
  stop = undefined;
  await rm(dir, { recursive: true, force: true });
});

const until = async (cond: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('LocalSource', () => {
  it('reports a burst of edits once, and the next snapshot has a new id', async () => {
    let ready = false;
    const source = new LocalSource({ dir, debounceMs: 150, onReady: () => (ready = true) });
    const before = await source.sync();
    expect(before).toMatchObject({ revision: 'local', dir });
    let changes = 0;
    stop = source.watch(() => (changes += 1));
    await until(() => ready);
    for (let i = 0; i < 5; i++) await writeFile(path.join(dir, 'jobs', `j${i}.yaml`), `n: ${i}\n`);
    await until(() => changes > 0);
    await new Promise((r) => setTimeout(r, 400));
    expect(changes).toBe(1);
    expect((await source.sync()).id).not.toBe(before.id);
  });

  it('ignores changes inside .git', async () => {
    let ready = false;
    const source = new LocalSource({ dir, debounceMs: 50, onReady: () => (ready = true) });
    let changes = 0;
    stop = source.watch(() => (changes += 1));
    await until(() => ready);
    await writeFile(path.join(dir, '.git', 'index'), 'x');
    await new Promise((r) => setTimeout(r, 400));
    expect(changes).toBe(0);
  });
});
