// The job-file cache may only ever save work: loading through it, cold or warm, in memory or
// from disk, gives exactly what loading without it gives, for every case of the valid and
// bad-input corpora; changed files are read again; a foreign or corrupt cache file is ignored.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskJobFileCache, loadRepository, MemoryJobFileCache } from '../../../src/manifests/index.js';
import type { JobFile } from '../../../src/manifests/job-documents.js';
import type { JobFileCache } from '../../../src/manifests/job-file-cache.js';
import { renderDesired } from '../../../src/desired/index.js';
import { INVALID, NOW, VALID, readSpec, runCase } from './support/corpus.js';

const cases = [
  ...readdirSync(INVALID)
    .filter((n) => n !== '_base')
    .map((n) => path.join(INVALID, n)),
  ...readdirSync(VALID).map((n) => path.join(VALID, n)),
];

/** Counts what the loader had to read itself (cache misses). */
class CountingCache extends MemoryJobFileCache {
  misses = 0;
  override set(key: string, value: JobFile): void {
    this.misses++;
    super.set(deepFreeze(key), deepFreeze(value));
  }
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of v instanceof Map ? [...v.values()] : Object.values(v)) deepFreeze(x);
  }
  return v;
}

let cacheDir: string;
beforeEach(() => {
  cacheDir = mkdtempSync(path.join(tmpdir(), 'berth-jfc-'));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('loading through the job-file cache', () => {
  it.each(cases.map((c) => [path.relative(path.dirname(path.dirname(c)), c), c]))(
    '%s: same result without, cold, warm, from disk',
    async (_name, dir) => {
      const spec = readSpec(dir, 'expected.json');
      const results = await runCase(dir, spec, async (repo) => {
        const plain = await loadRepository(repo, { now: NOW });
        const memory = new CountingCache();
        const cold = await loadRepository(repo, { now: NOW, jobFileCache: memory });
        const missesCold = memory.misses;
        // Frozen entries: anything downstream that mutated a cached manifest would throw here.
        const warm = await loadRepository(repo, { now: NOW, jobFileCache: memory });
        if (warm.config) renderDesired(warm.config, warm.jobs, { protectedNames: warm.invalidJobNames });
        await loadRepository(repo, { now: NOW, jobFileCache: await DiskJobFileCache.open(cacheDir, repo) });
        const disk = await loadRepository(repo, {
          now: NOW,
          jobFileCache: await DiskJobFileCache.open(cacheDir, repo),
        });
        return { plain, cold, warm, disk, missesCold, missesWarm: memory.misses - missesCold };
      });
      expect(results.cold).toEqual(results.plain);
      expect(results.warm).toEqual(results.plain);
      expect(results.disk).toEqual(results.plain);
      expect(results.missesWarm).toBe(0);
    },
  );
});

describe('the disk cache', () => {
  let repo: string;
  const job = (name: string, image: string) =>
    `apiVersion: berth/v1\nkind: Job\nmetadata:\n  name: ${name}\nspec:\n  image: ${image}\n  task:\n    launchType: FARGATE\n    cpu: 256\n    memory: 512\n    executionRoleArn: arn:aws:iam::123456789012:role/exec\n`;
  beforeEach(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'berth-jfc-repo-'));
    writeFileSync(
      path.join(repo, 'berth.yaml'),
      'apiVersion: berth/v1\nkind: Config\nmetadata:\n  name: t\nspec:\n  cluster: etl\n  scheduleGroup: g\n  jobsDir: .\n',
    );
    writeFileSync(path.join(repo, 'a.yaml'), job('a', 'x/a:1'));
    writeFileSync(path.join(repo, 'b.yaml'), job('b', 'x/b:1'));
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const loadWith = async (spy?: (c: JobFileCache) => JobFileCache) => {
    const disk = await DiskJobFileCache.open(cacheDir, repo);
    let misses = 0;
    const counting: JobFileCache = {
      get: (k) => disk.get(k),
      set: (k, v) => {
        misses++;
        disk.set(k, v);
      },
      retain: (keys) => disk.retain(keys),
      flush: () => disk.flush(),
    };
    const result = await loadRepository(repo, { jobFileCache: spy ? spy(counting) : counting });
    return { result, misses };
  };

  it('reads again only the file that changed, and forgets removed files', async () => {
    expect((await loadWith()).misses).toBe(2);
    expect((await loadWith()).misses).toBe(0);
    writeFileSync(path.join(repo, 'b.yaml'), job('b', 'x/b:2'));
    const changed = await loadWith();
    expect(changed.misses).toBe(1);
    expect(changed.result.jobs.find((j) => j.manifest.metadata.name === 'b')?.manifest.spec.image).toBe(
      'x/b:2',
    );
    rmSync(path.join(repo, 'a.yaml'));
    await loadWith();
    const [file] = readdirSync(cacheDir);
    const stored = JSON.parse(readFileSync(path.join(cacheDir, file!), 'utf8')) as {
      entries: Record<string, unknown>;
    };
    expect(Object.keys(stored.entries)).toHaveLength(1);
  });

  it('ignores a corrupt file or one written by other code', async () => {
    await loadWith();
    const [file] = readdirSync(cacheDir);
    const full = path.join(cacheDir, file!);
    const stored = JSON.parse(readFileSync(full, 'utf8')) as { code: string };
    writeFileSync(full, JSON.stringify({ ...stored, code: 'another berth' }));
    expect((await loadWith()).misses).toBe(2);
    writeFileSync(full, '{"format":1,"code":');
    const again = await loadWith();
    expect(again.misses).toBe(2);
    expect(again.result.jobs).toHaveLength(2);
  });

  it('is owner-only', async () => {
    await loadWith();
    const [file] = readdirSync(cacheDir);
    const { statSync } = await import('node:fs');
    expect(statSync(path.join(cacheDir, file!)).mode & 0o777).toBe(0o600);
  });
});
