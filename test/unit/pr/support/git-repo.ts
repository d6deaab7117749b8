// Real git repositories for review tests: a temp dir, `git init`, commits on branches, with a
// fixed identity and clock so commits (and their SHAs) come out the same on every run.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

const FIXED_DATE = '2024-06-01T00:00:00Z';

export class GitRepo {
  readonly git: SimpleGit;

  private constructor(readonly dir: string) {
    this.git = simpleGit({
      baseDir: dir,
      config: ['user.name=berth-test', 'user.email=test@example.com', 'commit.gpgsign=false'],
      allowEnvironment: ['GIT_AUTHOR_DATE', 'GIT_COMMITTER_DATE', 'GIT_CONFIG_NOSYSTEM'],
    }).env({
      // A small, known environment: no user or system git config, no editor, a fixed clock.
      PATH: process.env.PATH ?? '',
      // No ~/.gitconfig there: the user's settings (signing, hooks, templates) stay out.
      HOME: dir,
      GIT_AUTHOR_DATE: FIXED_DATE,
      GIT_COMMITTER_DATE: FIXED_DATE,
      GIT_CONFIG_NOSYSTEM: '1',
    });
  }

  /** A repository on branch main holding `files` (path → content), committed as "base". */
  static async create(files: Record<string, string>): Promise<GitRepo> {
    const repo = new GitRepo(await mkdtemp(path.join(os.tmpdir(), 'berth-git-')));
    await repo.git.init(['--initial-branch=main']);
    await repo.writeAll(files);
    await repo.commit('base');
    return repo;
  }

  async write(rel: string, body: string | Buffer): Promise<void> {
    const file = path.join(this.dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }

  async writeAll(files: Record<string, string>): Promise<void> {
    for (const [rel, body] of Object.entries(files)) await this.write(rel, body);
  }

  async remove(rel: string): Promise<void> {
    await rm(path.join(this.dir, rel), { force: true });
  }

  /** Stages everything (removals included) and commits; returns the full SHA. */
  async commit(message: string): Promise<string> {
    await this.git.add(['-A']);
    await this.git.commit(message, ['--allow-empty']);
    return (await this.git.revparse(['HEAD'])).trim();
  }

  async branch(name: string): Promise<void> {
    await this.git.checkoutLocalBranch(name);
  }

  async checkout(name: string): Promise<void> {
    await this.git.checkout(name);
  }

  async sha(ref: string): Promise<string> {
    return (await this.git.revparse([ref])).trim();
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Commit SHAs (full and short) replaced by names, so goldens do not depend on them. */
export function withoutShas(text: string, shas: Record<string, string>): string {
  let out = text;
  for (const [name, sha] of Object.entries(shas))
    out = out.replaceAll(sha, `<${name}>`).replaceAll(sha.slice(0, 7), `<${name}>`);
  return out;
}
