// loadRepository on generated directory trees: hostile file contents, odd file names, nested
// directories and symlinks (inside, outside, dangling, looping) never crash it, never let a job
// from outside the repository in, and every diagnostic names a file inside it.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../../src/manifests/index.js';
import { checkLoad } from './support/check-load.js';
import type { Input } from './support/check-load.js';
import { anyBytes, jsonDocument, yamlish } from './support/hostile-text.js';
import { propertyRuns, SEED } from './support/runs.js';

const CONFIG = `apiVersion: berth/v1
kind: Config
metadata: {name: disk}
spec: {cluster: etl, scheduleGroup: berth-disk}
`;
const VALID = (name: string) =>
  `apiVersion: berth/v1\nkind: Job\nmetadata: {name: ${name}}\nspec: {image: "a/${name}:1"}\n`;

const segment = fc
  .string({ unit: fc.constantFrom(...'abcXYZ019._- é'.split('')), minLength: 1, maxLength: 8 })
  .filter((s) => s !== '.' && s !== '..');
const entry = fc.record({
  dirs: fc.array(segment, { maxLength: 3 }),
  name: segment,
  ext: fc.constantFrom('.yaml', '.yml', '.YAML', '.txt', ''),
  kind: fc.constantFrom('file', 'file', 'file', 'link-inside', 'link-outside', 'link-dangling', 'link-loop'),
  content: fc.oneof(yamlish, jsonDocument, anyBytes, fc.constant(VALID('inside'))),
});
const tree = fc.record({
  config: fc.oneof({ weight: 3, arbitrary: fc.constant(CONFIG) }, { weight: 1, arbitrary: yamlish }),
  entries: fc.array(entry, { minLength: 1, maxLength: 8 }),
});

describe('loadRepository on generated trees', () => {
  it(`never crashes, never reads outside, names only files inside (${propertyRuns(40)} trees, seed ${SEED})`, async () => {
    let files = 0;
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(tree, async ({ config, entries }) => {
        const work = await mkdtemp(path.join(tmpdir(), 'berth-disk-'));
        try {
          const repo = path.join(work, 'repo');
          const outside = path.join(work, 'outside');
          await mkdir(path.join(repo, 'jobs'), { recursive: true });
          await mkdir(outside);
          await writeFile(path.join(outside, 'stolen.yaml'), VALID('stolen'));
          await writeFile(path.join(repo, 'berth.yaml'), config);
          const inputs: Input[] = [{ path: 'berth.yaml', content: config }];
          // Directories and links can be named by a diagnostic too (unreadable, outside, too deep).
          const places = new Set<string>(['jobs']);
          for (const [i, e] of entries.entries()) {
            const rel = ['jobs', ...e.dirs, `${i}${e.name}${e.ext}`].join('/');
            const abs = path.join(repo, rel);
            await mkdir(path.dirname(abs), { recursive: true }).catch(() => undefined);
            const write = async () => {
              if (e.kind === 'file') await writeFile(abs, e.content);
              else if (e.kind === 'link-inside') await symlink(path.join(repo, 'berth.yaml'), abs);
              else if (e.kind === 'link-outside') await symlink(path.join(outside, 'stolen.yaml'), abs);
              else if (e.kind === 'link-dangling') await symlink(path.join(repo, 'nowhere.yaml'), abs);
              else await symlink(path.join(repo, 'jobs'), abs);
            };
            // A name can clash with a directory made for another entry: that entry is left out.
            if (
              !(await write().then(
                () => true,
                () => false,
              ))
            )
              continue;
            files++;
            rel.split('/').forEach((_, k, parts) => places.add(parts.slice(0, k + 1).join('/')));
            inputs.push({
              path: rel,
              content: e.kind === 'link-inside' ? config : e.kind === 'file' ? e.content : '',
            });
          }
          const started = performance.now();
          const r = await loadRepository(repo);
          slowest = Math.max(slowest, performance.now() - started);
          checkLoad(r, inputs, [...places]);
          for (const d of r.diagnostics) {
            expect(path.isAbsolute(d.file), d.file).toBe(false);
            expect(d.file.split('/'), d.file).not.toContain('..');
          }
          expect(r.jobs.map((j) => j.manifest.metadata.name)).not.toContain('stolen');
        } finally {
          await rm(work, { recursive: true, force: true });
        }
      }),
      { seed: SEED, numRuns: propertyRuns(40) },
    );
    console.log(
      `[figures] loadRepository on generated trees: seed ${SEED}, ${propertyRuns(40)} trees, ${files} files, slowest load ${slowest.toFixed(0)} ms, 0 throws, 0 reads outside`,
    );
  }, 120_000);
});
