// Nothing a repository holds can make berth read or write outside it. Manifests have no
// file-path field; the places a path does come from are berth.yaml's jobsDir, symlinks in the
// working tree, the controller's --path and the entries of a git tree read at a ref. Each is
// tried here with the ways out people know: "..", absolute paths, symlinks (direct, chained,
// as a directory component) and crafted tree entries git itself would never write.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { controllerSettings } from '../../../src/config/controller.js';
import { loadRepository } from '../../../src/manifests/index.js';
import { BerthError } from '../../../src/model/errors.js';
import { materialiseRef } from '../../../src/source/ref-tree.js';
import { GitRepo } from '../pr/support/git-repo.js';

const config = (extra = '') => `apiVersion: berth/v1
kind: Config
metadata: {name: confine}
spec:
  cluster: etl
  scheduleGroup: berth-confine
  defaults:
    task: {cpu: 256, memory: 512, executionRoleArn: "arn:aws:iam::123456789012:role/x"}
${extra}`;
const job = (name: string) =>
  `apiVersion: berth/v1\nkind: Job\nmetadata: {name: ${name}}\nspec: {image: "example/${name}:1"}\n`;

let work: string;
let repo: string;
let outside: string;
const write = (base: string, rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
  writeFileSync(path.join(base, rel), text);
};

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'berth-confine-'));
  repo = path.join(work, 'repo');
  outside = path.join(work, 'outside');
  mkdirSync(repo);
  write(outside, 'jobs/secret.yaml', job('secret'));
  write(outside, 'berth.yaml', config());
  write(outside, 'secret.yaml', job('stolen'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const names = (r: Awaited<ReturnType<typeof loadRepository>>) => r.jobs.map((j) => j.manifest.metadata.name);

describe('jobsDir and symlinks in the working tree', () => {
  it.each([
    ['..', 'config/jobs-dir'],
    ['../outside/jobs', 'config/jobs-dir'],
    ['jobs/../../outside/jobs', 'config/jobs-dir'],
    ['/etc', 'config/jobs-dir'],
    ['..\\outside\\jobs', 'config/jobs-dir'],
  ])('jobsDir %j is refused and nothing outside is read', async (dir, rule) => {
    write(repo, 'berth.yaml', config(`  jobsDir: ${JSON.stringify(dir)}\n`));
    const r = await loadRepository(repo);
    expect(names(r)).toEqual([]);
    expect(r.diagnostics.map((d) => d.rule)).toContain(rule);
  });

  it('a chain of symlinks that ends outside is refused, for a directory and for a file', async () => {
    write(repo, 'berth.yaml', config());
    mkdirSync(path.join(repo, 'jobs'));
    // jobs/hop -> ../hop2 (inside) -> ../outside (outside)
    symlinkSync(outside, path.join(repo, 'hop2'));
    symlinkSync(path.join(repo, 'hop2'), path.join(repo, 'jobs', 'hop'));
    symlinkSync(path.join(repo, 'hop2', 'secret.yaml'), path.join(repo, 'jobs', 'file.yaml'));
    const r = await loadRepository(repo);
    expect(names(r)).toEqual([]);
    expect(r.diagnostics.map((d) => [d.rule, d.file])).toEqual([
      ['file/outside-repo', 'jobs/file.yaml'],
      ['file/outside-repo', 'jobs/hop'],
    ]);
  });

  it('jobsDir whose middle component is a symlink out of the repository is refused', async () => {
    write(repo, 'berth.yaml', config('  jobsDir: deploy/jobs\n'));
    symlinkSync(outside, path.join(repo, 'deploy'));
    const r = await loadRepository(repo);
    expect(names(r)).toEqual([]);
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['file/outside-repo']);
  });

  it('a relative symlink with .. that stays inside is followed', async () => {
    write(repo, 'berth.yaml', config());
    write(repo, 'shared/common.yaml', job('common'));
    mkdirSync(path.join(repo, 'jobs', 'team'), { recursive: true });
    symlinkSync('../../shared/common.yaml', path.join(repo, 'jobs', 'team', 'common.yaml'));
    const r = await loadRepository(repo);
    expect(r.diagnostics).toEqual([]);
    expect(names(r)).toEqual(['common']);
  });

  it('diagnostics name files relative to the repository, never an absolute or escaping path', async () => {
    write(repo, 'berth.yaml', config());
    mkdirSync(path.join(repo, 'jobs'));
    symlinkSync(outside, path.join(repo, 'jobs', 'out'));
    symlinkSync('/nonexistent/x.yaml', path.join(repo, 'jobs', 'dangling.yaml'));
    const r = await loadRepository(repo);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) {
      expect(path.isAbsolute(d.file)).toBe(false);
      expect(d.file.split('/')).not.toContain('..');
      expect(d.message).not.toContain(work);
    }
  });
});

describe('the controller --path', () => {
  it.each(['..', '../x', 'a/../../x', '/etc', '..\\x', './../x', 'a/./../../x'])('%j is refused', (p) => {
    expect(() => controllerSettings({ repo: 'file:///r', path: p }, {})).toThrow(BerthError);
  });

  it.each([
    ['deploy', 'deploy'],
    ['./deploy/', 'deploy'],
    ['a/../deploy', 'deploy'],
    ['.', ''],
  ])('%j stays inside as %j', (p, norm) => {
    const s = controllerSettings({ repo: 'file:///r', path: p }, {});
    expect(s.source.kind === 'git' && s.source.path).toBe(norm);
  });
});

/** A tree object written byte by byte, with entry names git's own commands would refuse. */
function rawTree(
  git: (args: string[], input?: Buffer) => string,
  entries: [string, string, string][],
): string {
  const parts = entries.map(([mode, name, oid]) =>
    Buffer.concat([Buffer.from(`${mode} ${name}\0`, 'utf8'), Buffer.from(oid, 'hex')]),
  );
  return git(['hash-object', '-t', 'tree', '-w', '--literally', '--stdin'], Buffer.concat(parts)).trim();
}

describe('a crafted git tree read at a ref', () => {
  let g: GitRepo | undefined;
  afterEach(async () => {
    await g?.dispose();
    g = undefined;
  });

  it('cannot write outside the temp dir, whatever its entry names', async () => {
    g = await GitRepo.create({ 'berth.yaml': config() });
    const git = (args: string[], input?: Buffer) =>
      execFileSync('git', args, {
        cwd: g!.dir,
        input,
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
      }).toString();
    const blob = git(['hash-object', '-w', '--stdin'], Buffer.from(job('evil'))).trim();
    const inner = rawTree(git, [['100644', 'escape.yaml', blob]]);
    const root = rawTree(git, [
      ['40000', '..', inner],
      ['40000', '.git', inner],
      ['40000', '.GIT', inner],
      ['100644', '../../flat-escape.yaml', blob],
      ['100644', '/tmp/absolute.yaml', blob],
      ['100644', '..\\back.yaml', blob],
      ['120000', 'jobs', git(['hash-object', '-w', '--stdin'], Buffer.from('../../..')).trim()],
      ['100644', 'berth.yaml', git(['hash-object', '-w', '--stdin'], Buffer.from(config())).trim()],
      ['40000', 'ok', inner],
    ]);
    const commit = git(['commit-tree', root, '-m', 'crafted'], undefined).trim();
    git(['update-ref', 'refs/heads/crafted', commit]);

    const before = readdirSync(path.dirname(g.dir)).sort();
    const tree = await materialiseRef(g.dir, 'crafted');
    try {
      // Only the plain entries were written, inside the temp dir.
      const written = (readdirSync(tree.dir, { recursive: true }) as string[])
        .map((p) => p.split(path.sep).join('/'))
        .sort();
      expect(written).toEqual(['berth.yaml', 'ok', 'ok/escape.yaml']);
      expect(tree.skipped.map((s) => [s.path, s.reason]).sort()).toEqual(
        [
          ['../../flat-escape.yaml', 'unsafe-path'],
          ['../escape.yaml', 'unsafe-path'],
          ['..\\back.yaml', 'unsafe-path'],
          ['.GIT/escape.yaml', 'unsafe-path'],
          ['.git/escape.yaml', 'unsafe-path'],
          ['/tmp/absolute.yaml', 'unsafe-path'],
          ['jobs', 'symlink'],
        ].sort(),
      );
      // Nothing appeared next to the repository or the temp dir.
      expect(
        readdirSync(path.dirname(g.dir)).filter((n) => !before.includes(n) && n !== path.basename(tree.dir)),
      ).toEqual([]);
      expect(existsSync(path.join(path.dirname(tree.dir), 'escape.yaml'))).toBe(false);
      expect(existsSync(path.join(path.dirname(tree.dir), 'flat-escape.yaml'))).toBe(false);
      expect(existsSync('/tmp/absolute.yaml')).toBe(false);
    } finally {
      await tree.dispose();
    }
  });

  it('fails closed on a tree that names the same file twice', async () => {
    g = await GitRepo.create({ 'berth.yaml': config() });
    const git = (args: string[], input?: Buffer) =>
      execFileSync('git', args, { cwd: g!.dir, input }).toString();
    const a = git(['hash-object', '-w', '--stdin'], Buffer.from(job('a'))).trim();
    const b = git(['hash-object', '-w', '--stdin'], Buffer.from(job('b'))).trim();
    const root = rawTree(git, [
      ['100644', 'x.yaml', a],
      ['100644', 'x.yaml', b],
    ]);
    git(['update-ref', 'refs/heads/twice', git(['commit-tree', root, '-m', 'twice']).trim()]);
    await expect(materialiseRef(g.dir, 'twice')).rejects.toBeInstanceOf(BerthError);
  });

  it.each(['-x', '--output=/tmp/pwned', '--upload-pack=touch /tmp/pwned', 'HEAD\n--all', ''])(
    'never takes the ref %j for an option',
    async (ref) => {
      g = await GitRepo.create({ 'berth.yaml': config() });
      await expect(materialiseRef(g.dir, ref)).rejects.toBeInstanceOf(BerthError);
      expect(existsSync('/tmp/pwned')).toBe(false);
    },
  );
});
