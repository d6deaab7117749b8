// The git source against real git: credentials in the URL never show in errors, status or the
// clone's configuration; an unchanged head costs one ls-remote.
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/model/errors.js';
import { GitSource } from '../../../src/source/git-source.js';
import { GitRemote } from './support.js';

let workdir: string;
let remote: GitRemote;

beforeEach(async () => {
  workdir = await mkdtemp(path.join(os.tmpdir(), 'berth-gitsrc-'));
  remote = await GitRemote.create();
});

afterEach(async () => {
  await rm(workdir, { recursive: true, force: true });
  await remote.dispose();
});

describe('GitSource', () => {
  it('never shows the token of an https URL, not even in git errors', async () => {
    const url = 'https://berth-bot:ghp_SuperSecret123@127.0.0.1:1/acme/jobs.git';
    const source = new GitSource({
      url,
      branch: 'main',
      workdir,
      env: { PATH: process.env.PATH ?? '', GIT_TERMINAL_PROMPT: '0' },
    });
    expect(source.description).toBe('https://***:***@127.0.0.1:1/acme/jobs.git#main');
    const err = await source.sync().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('Git');
    expect((err as Error).message).not.toMatch(/SuperSecret|berth-bot/);
    expect((err as Error).message).toContain('https://***:***@127.0.0.1:1/acme/jobs.git#main');
  });

  it('checks out the branch head, skips the fetch while it has not moved, and keeps no URL on disk', async () => {
    const sha = await remote.commit({ 'berth.yaml': 'x: 1\n' });
    const fetches: string[] = [];
    const source = new GitSource({
      url: remote.url,
      branch: 'main',
      workdir,
      path: '.',
      onFetch: (o) => fetches.push(o),
    });
    const snap = await source.sync();
    expect(snap.revision).toBe(sha);
    expect(await readFile(path.join(snap.dir, 'berth.yaml'), 'utf8')).toBe('x: 1\n');
    expect((await source.sync()).id).toBe(sha);
    expect(fetches).toEqual(['fetched', 'unchanged']);
    const [clone] = await readdir(workdir);
    expect(await readFile(path.join(workdir, clone!, '.git', 'config'), 'utf8')).not.toContain(remote.url);
  });

  it('reports a missing branch', async () => {
    await remote.commit({ 'berth.yaml': 'x: 1\n' });
    const source = new GitSource({ url: remote.url, branch: 'nope', workdir });
    await expect(source.sync()).rejects.toThrow(/branch nope not found/);
  });

  it('refuses a --path the repository commits as a symlink to a directory outside the clone', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'berth-outside-'));
    try {
      await writeFile(path.join(outside, 'berth.yaml'), 'apiVersion: berth/v1\n');
      await symlink(outside, path.join(remote.root, 'work', 'deploy'));
      await remote.commit({ 'README.md': 'deploy is a link\n' });
      const source = new GitSource({ url: remote.url, branch: 'main', workdir, path: 'deploy' });
      const err = await source.sync().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BerthError);
      expect((err as Error).message).toMatch(/--path deploy leads outside the repository/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
