// loadRepository on real directories: discovery, ordering, symlinks, special files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRepository } from '../../../src/manifests/index.js';

const CONFIG = `apiVersion: berth/v1
kind: Config
metadata:
  name: loader
spec:
  cluster: etl
  scheduleGroup: berth-loader
  defaults:
    task:
      cpu: 256
      memory: 512
      executionRoleArn: arn:aws:iam::123456789012:role/exec
`;
const job = (name: string) =>
  `apiVersion: berth/v1\nkind: Job\nmetadata:\n  name: ${name}\nspec:\n  image: example/${name}:1\n`;

let work: string;
let repo: string;
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  writeFileSync(path.join(repo, rel), text);
};

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'berth-loader-'));
  repo = path.join(work, 'repo');
  mkdirSync(repo);
  write('berth.yaml', CONFIG);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('loadRepository', () => {
  it('finds .yaml and .yml files recursively, in path order, documents in file order', async () => {
    write('jobs/b.yaml', job('b1') + '---\n' + job('b2'));
    write('jobs/a/z.yml', job('az'));
    write('jobs/a.yaml', job('a'));
    write('jobs/notes.txt', 'not yaml');
    const r = await loadRepository(repo);
    expect(r.diagnostics).toEqual([]);
    expect(r.configFile).toBe('berth.yaml');
    expect(r.config?.metadata.name).toBe('loader');
    expect(r.jobs.map((j) => [j.manifest.metadata.name, j.source.file, j.source.document])).toEqual([
      // code-point order of the path: "." sorts before "/"
      ['a', 'jobs/a.yaml', 0],
      ['az', 'jobs/a/z.yml', 0],
      ['b1', 'jobs/b.yaml', 0],
      ['b2', 'jobs/b.yaml', 1],
    ]);
  });

  it('gives each job its source position and field positions', async () => {
    write('jobs/x.yaml', '# leading comment\n' + job('x'));
    const [j] = (await loadRepository(repo)).jobs;
    expect(j!.source).toEqual({ file: 'jobs/x.yaml', document: 0, line: 2, column: 1 });
    expect(j!.positions['/metadata/name']).toEqual([5, 3]);
    expect(j!.positions['/spec/image']).toEqual([7, 3]);
  });

  it('skips dot files, dot directories and node_modules', async () => {
    write('jobs/.draft.yaml', job('draft'));
    write('jobs/.git/x.yaml', job('git'));
    write('jobs/node_modules/y.yaml', job('dep'));
    write('jobs/real.yaml', job('real'));
    expect((await loadRepository(repo)).jobs.map((j) => j.manifest.metadata.name)).toEqual(['real']);
  });

  it('follows symlinks that stay inside the repository, once', async () => {
    write('shared/common.yaml', job('common'));
    mkdirSync(path.join(repo, 'jobs'));
    symlinkSync(path.join(repo, 'shared'), path.join(repo, 'jobs', 'linked'));
    symlinkSync(path.join(repo, 'jobs'), path.join(repo, 'jobs', 'loop'));
    const r = await loadRepository(repo);
    expect(r.diagnostics).toEqual([]);
    expect(r.jobs.map((j) => j.source.file)).toEqual(['jobs/linked/common.yaml']);
  });

  it('rejects symlinks that leave the repository', async () => {
    const outside = path.join(work, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'evil.yaml'), job('evil'));
    mkdirSync(path.join(repo, 'jobs'));
    symlinkSync(path.join(outside, 'evil.yaml'), path.join(repo, 'jobs', 'evil.yaml'));
    symlinkSync(outside, path.join(repo, 'jobs', 'dir'));
    const r = await loadRepository(repo);
    expect(r.jobs).toEqual([]);
    expect(r.diagnostics.map((d) => [d.rule, d.file])).toEqual([
      ['file/outside-repo', 'jobs/dir'],
      ['file/outside-repo', 'jobs/evil.yaml'],
    ]);
    expect(r.invalidFiles).toEqual(['jobs/dir', 'jobs/evil.yaml']);
  });

  it('rejects a jobs directory or berth.yaml that is a symlink out of the repository', async () => {
    const outside = path.join(work, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'berth.yaml'), CONFIG);
    symlinkSync(outside, path.join(repo, 'jobs'));
    rmSync(path.join(repo, 'berth.yaml'));
    symlinkSync(path.join(outside, 'berth.yaml'), path.join(repo, 'berth.yaml'));
    const r = await loadRepository(repo);
    expect(r.config).toBeUndefined();
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['file/outside-repo', 'file/outside-repo']);
  });

  it('reports a dangling symlink instead of crashing', async () => {
    mkdirSync(path.join(repo, 'jobs'));
    symlinkSync(path.join(repo, 'nowhere.yaml'), path.join(repo, 'jobs', 'gone.yaml'));
    const r = await loadRepository(repo);
    expect(r.diagnostics.map((d) => [d.rule, d.file])).toEqual([['file/unreadable', 'jobs/gone.yaml']]);
  });

  it('never opens a FIFO (it would block forever)', async () => {
    mkdirSync(path.join(repo, 'jobs'));
    execFileSync('mkfifo', [path.join(repo, 'jobs', 'pipe.yaml')]);
    const r = await loadRepository(repo);
    expect(r.diagnostics.map((d) => [d.rule, d.file])).toEqual([['file/not-regular', 'jobs/pipe.yaml']]);
  });

  it('checks the size before reading', async () => {
    write('jobs/big.yaml', `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const r = await loadRepository(repo);
    expect(r.diagnostics.map((d) => [d.rule, d.file, d.line])).toEqual([
      ['file/too-large', 'jobs/big.yaml', 0],
    ]);
  });

  it('uses spec.jobsDir and warns when the directory is missing', async () => {
    write('berth.yaml', CONFIG.replace('spec:\n', 'spec:\n  jobsDir: manifests/etl\n'));
    write('jobs/ignored.yaml', job('ignored'));
    expect((await loadRepository(repo)).diagnostics.map((d) => [d.rule, d.severity])).toEqual([
      ['config/jobs-dir', 'warning'],
    ]);
    write('manifests/etl/x.yaml', job('x'));
    expect((await loadRepository(repo)).jobs.map((j) => j.manifest.metadata.name)).toEqual(['x']);
  });

  it('does not read berth.yaml as a job when jobsDir is the root', async () => {
    write('berth.yaml', CONFIG.replace('spec:\n', 'spec:\n  jobsDir: .\n'));
    write('x.yaml', job('x'));
    const r = await loadRepository(repo);
    expect(r.diagnostics).toEqual([]);
    expect(r.jobs.map((j) => j.source.file)).toEqual(['x.yaml']);
  });

  it('withholds every job of a file with an error and reports their names', async () => {
    write('jobs/mixed.yaml', job('fine') + '---\n' + job('broken').replace('image:', 'imag:'));
    write('jobs/ok.yaml', job('ok'));
    const r = await loadRepository(repo);
    expect(r.jobs.map((j) => j.manifest.metadata.name)).toEqual(['ok']);
    expect(r.invalidFiles).toEqual(['jobs/mixed.yaml']);
    expect(r.invalidJobNames).toEqual(['broken', 'fine']);
  });

  it('reports a missing repository and a missing berth.yaml as diagnostics', async () => {
    const gone = await loadRepository(path.join(work, 'nope'));
    expect(gone.diagnostics.map((d) => d.rule)).toEqual(['repo/not-found']);
    rmSync(path.join(repo, 'berth.yaml'));
    const missing = await loadRepository(repo);
    expect(missing.configFile).toBeUndefined();
    // No jobs/ either, but only the missing berth.yaml is worth saying, with the way out.
    expect(missing.diagnostics.map((d) => d.rule)).toEqual(['config/missing']);
    expect(missing.diagnostics[0]?.hint).toContain('berth init');
  });
});
