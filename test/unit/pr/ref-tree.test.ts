// Reading a ref without touching the working tree: exact bytes, only YAML, no symlinks, no
// escaping paths, clean-up, and clear Git errors for refs that do not exist.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/model/errors.js';
import { isSafePath, materialiseRef, withRefTree } from '../../../src/source/ref-tree.js';
import { GitRepo } from './support/git-repo.js';

let repo: GitRepo | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

async function gitError(p: Promise<unknown>): Promise<BerthError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  expect((err as BerthError).code).toBe('Git');
  return err as BerthError;
}

describe('materialiseRef', () => {
  it('writes the YAML files of the ref, byte for byte, and leaves the working tree alone', async () => {
    repo = await GitRepo.create({
      'berth.yaml': 'base: 1\n',
      'jobs/a.yaml': 'a: 1\n',
      'README.md': '# hi\n',
    });
    const base = await repo.sha('HEAD');
    await repo.branch('feature');
    // Bytes that are not UTF-8 must come through untouched (the loader reports them, not git).
    await repo.write('jobs/b.yml', Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]));
    await repo.write('jobs/a.yaml', 'a: 2\n');
    await repo.commit('head');
    await repo.write('jobs/a.yaml', 'a: uncommitted\n');

    const tree = await materialiseRef(repo.dir, 'main');
    try {
      expect(tree.commit).toBe(base);
      expect(readFileSync(path.join(tree.dir, 'jobs/a.yaml'), 'utf8')).toBe('a: 1\n');
      expect(existsSync(path.join(tree.dir, 'jobs/b.yml'))).toBe(false);
      expect(existsSync(path.join(tree.dir, 'README.md'))).toBe(false);
    } finally {
      await tree.dispose();
    }
    const head = await materialiseRef(repo.dir, 'feature');
    try {
      expect([...readFileSync(path.join(head.dir, 'jobs/b.yml'))]).toEqual([0x61, 0x3a, 0x20, 0xff, 0x0a]);
    } finally {
      await head.dispose();
    }
    expect(readFileSync(path.join(repo.dir, 'jobs/a.yaml'), 'utf8')).toBe('a: uncommitted\n');
    expect((await repo.git.revparse(['--abbrev-ref', 'HEAD'])).trim()).toBe('feature');
    expect((await repo.git.status()).modified).toEqual(['jobs/a.yaml']);
  });

  it('reads the directory berth runs in when that is below the top of the repository', async () => {
    repo = await GitRepo.create({ 'deploy/berth.yaml': 'x: 1\n', 'other/berth.yaml': 'y: 1\n' });
    await withRefTree(path.join(repo.dir, 'deploy'), 'HEAD', async (tree) => {
      expect(readFileSync(path.join(tree.dir, 'berth.yaml'), 'utf8')).toBe('x: 1\n');
      expect(existsSync(path.join(tree.dir, 'other'))).toBe(false);
    });
  });

  it('gives an empty tree for a ref from before the directory existed', async () => {
    repo = await GitRepo.create({ 'README.md': 'x\n' });
    await repo.write('deploy/berth.yaml', 'x: 1\n');
    await repo.commit('add berth');
    await withRefTree(path.join(repo.dir, 'deploy'), 'HEAD~1', async (tree) => {
      expect(existsSync(path.join(tree.dir, 'berth.yaml'))).toBe(false);
    });
  });

  it('never recreates symlinks, and says which it left out', async () => {
    repo = await GitRepo.create({ 'berth.yaml': 'x: 1\n', 'jobs/a.yaml': 'a: 1\n' });
    await symlink('/etc/passwd', path.join(repo.dir, 'jobs/passwd.yaml'));
    await symlink('/etc', path.join(repo.dir, 'more-jobs'));
    await symlink('a.yaml', path.join(repo.dir, 'jobs/alias.yaml'));
    await symlink('a.yaml', path.join(repo.dir, 'jobs/notes.txt'));
    await repo.commit('links');
    await withRefTree(repo.dir, 'HEAD', async (tree) => {
      expect(tree.skipped).toEqual([
        { path: 'jobs/alias.yaml', reason: 'symlink' },
        { path: 'jobs/passwd.yaml', reason: 'symlink' },
        { path: 'more-jobs', reason: 'symlink' },
      ]);
      for (const p of ['jobs/passwd.yaml', 'jobs/alias.yaml', 'more-jobs', 'jobs/notes.txt'])
        expect(existsSync(path.join(tree.dir, p))).toBe(false);
      expect(readFileSync(path.join(tree.dir, 'jobs/a.yaml'), 'utf8')).toBe('a: 1\n');
    });
  });

  it('stands in an empty file of the same size for a huge blob, so the loader rejects it unread', async () => {
    repo = await GitRepo.create({ 'berth.yaml': 'x: 1\n' });
    const size = 9 * 1024 * 1024;
    await repo.write('jobs/huge.yaml', Buffer.alloc(size, 0x61));
    await repo.commit('huge');
    await withRefTree(repo.dir, 'HEAD', async (tree) => {
      const file = path.join(tree.dir, 'jobs/huge.yaml');
      expect(statSync(file).size).toBe(size);
      expect(readFileSync(file).subarray(0, 4)).toEqual(Buffer.alloc(4));
    });
  });

  it('removes the temp dir afterwards, also when the callback throws', async () => {
    repo = await GitRepo.create({ 'berth.yaml': 'x: 1\n' });
    let dir = '';
    await expect(
      withRefTree(repo.dir, 'HEAD', async (tree) => {
        dir = tree.dir;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(dir).not.toBe('');
    expect(existsSync(dir)).toBe(false);
  });

  it('fails with a Git error for a ref that does not exist, saying how to fetch it', async () => {
    repo = await GitRepo.create({ 'berth.yaml': 'x: 1\n' });
    const err = await gitError(materialiseRef(repo.dir, 'origin/nope'));
    expect(err.message).toContain('"origin/nope"');
    expect(err.hint).toContain('fetch-depth: 0');
  });

  it('never takes a ref for an option', async () => {
    repo = await GitRepo.create({ 'berth.yaml': 'x: 1\n' });
    const err = await gitError(materialiseRef(repo.dir, '--output=/tmp/x'));
    expect(err.message).toContain('is not a git ref');
  });

  it('fails with a Git error outside a git repository', async () => {
    repo = await GitRepo.create({ 'berth.yaml': 'x: 1\n' });
    await gitError(materialiseRef(path.dirname(repo.dir), 'HEAD'));
  });
});

describe('isSafePath', () => {
  it.each([
    ['jobs/a.yaml', true],
    ['a.yaml', true],
    ['../a.yaml', false],
    ['jobs/../../a.yaml', false],
    ['/etc/a.yaml', false],
    ['jobs/./a.yaml', false],
    ['jobs//a.yaml', false],
    ['.git/hooks/a.yaml', false],
    ['x/.GIT/a.yaml', false],
    ['jobs\\a.yaml', false],
  ])('%s → %s', (p, safe) => expect(isSafePath(p)).toBe(safe));
});
