// A git remote as a source: `ls-remote` first (cheap), a shallow fetch only when the branch
// head moved, then the work tree is reset to exactly that commit. The URL is passed on each
// command and never stored in the clone, so a token in it never lands on disk.
import { createHash } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { BerthError } from '../model/errors.js';
import { redactText, redactUrl } from './redact-url.js';
import type { Source, SourceSnapshot } from './source.js';

export interface GitSourceOptions {
  /** https, ssh or file URL of the repository. */
  url: string;
  branch: string;
  /** Directory inside the repository that holds berth.yaml ('' or '.' for the root). */
  path?: string;
  /** Where the working copy lives (one subdirectory per URL and branch). */
  workdir: string;
  /** Environment for git (from src/config: PATH, HOME, SSH agent, proxies, GIT_SSH_COMMAND). */
  env?: Record<string, string>;
  /** A git command still running after this long is killed. */
  timeoutMs?: number;
  /** Called once per sync with what happened (metrics). */
  onFetch?: (outcome: 'fetched' | 'unchanged' | 'failed') => void;
}

const FETCHED_REF = 'refs/berth/head';

export class GitSource implements Source {
  readonly description: string;
  private readonly repoDir: string;
  private head: string | undefined;

  constructor(private readonly opts: GitSourceOptions) {
    this.description = `${redactUrl(opts.url)}#${opts.branch}${opts.path ? `:${opts.path}` : ''}`;
    const slug = createHash('sha256').update(`${opts.url}\n${opts.branch}`).digest('hex').slice(0, 16);
    this.repoDir = path.join(opts.workdir, slug);
  }

  async sync(signal?: AbortSignal): Promise<SourceSnapshot> {
    try {
      const remote = await this.remoteHead(signal);
      if (remote === this.head) {
        this.opts.onFetch?.('unchanged');
        return this.snapshot(remote);
      }
      const sha = await this.checkout(signal);
      this.head = sha;
      this.opts.onFetch?.('fetched');
      return this.snapshot(sha);
    } catch (err) {
      this.opts.onFetch?.('failed');
      throw gitError(err, this.description);
    }
  }

  private snapshot(sha: string): SourceSnapshot {
    return { revision: sha, id: sha, dir: path.join(this.repoDir, this.opts.path ?? '') };
  }

  private async remoteHead(signal: AbortSignal | undefined): Promise<string> {
    await mkdir(this.opts.workdir, { recursive: true });
    const out = await this.git(this.opts.workdir, signal).listRemote([
      this.opts.url,
      `refs/heads/${this.opts.branch}`,
    ]);
    const sha = out
      .split('\n')
      .find((l) => l.endsWith(`\trefs/heads/${this.opts.branch}`))
      ?.split('\t')[0];
    if (!sha) throw new BerthError('Git', `branch ${this.opts.branch} not found`, { transient: true });
    return sha;
  }

  /** Fetches the branch head into a private ref and makes the work tree exactly that commit. */
  private async checkout(signal: AbortSignal | undefined): Promise<string> {
    await this.ensureRepository(signal);
    const git = this.git(this.repoDir, signal);
    await git.raw([
      'fetch',
      '--quiet',
      '--depth=1',
      '--no-tags',
      this.opts.url,
      `+refs/heads/${this.opts.branch}:${FETCHED_REF}`,
    ]);
    const sha = (await git.revparse([FETCHED_REF])).trim();
    await git.raw(['reset', '--quiet', '--hard', sha]);
    await git.raw(['clean', '-ffdxq']);
    return sha;
  }

  private async ensureRepository(signal: AbortSignal | undefined): Promise<void> {
    const ok = await stat(path.join(this.repoDir, '.git')).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (ok) return;
    // A half-made directory from an interrupted start is ours to replace.
    await rm(this.repoDir, { recursive: true, force: true });
    await mkdir(this.repoDir, { recursive: true });
    await this.git(this.repoDir, signal).raw(['init', '--quiet']);
  }

  private git(baseDir: string, signal: AbortSignal | undefined): SimpleGit {
    const env = this.opts.env ?? {};
    const guarded = Object.keys(env).filter((k) => k.startsWith('GIT_'));
    const git = simpleGit({
      baseDir,
      // The operator's own GIT_* settings (GIT_SSH_COMMAND, GIT_TERMINAL_PROMPT) are wanted here.
      allowEnvironment: guarded,
      unsafe: { allowUnsafeSshCommand: 'GIT_SSH_COMMAND' in env || 'GIT_SSH' in env },
      timeout: { block: this.opts.timeoutMs ?? 120_000 },
      ...(signal ? { abort: signal } : {}),
    });
    return Object.keys(env).length > 0 ? git.env(env) : git;
  }
}

const AUTH_FAILURE = /authentication failed|could not read username|permission denied|access denied|403/i;

/** git's messages quote the URL: redacted, and no `cause` that would carry the original. */
function gitError(err: unknown, where: string): BerthError {
  if (err instanceof BerthError)
    return new BerthError(err.code, `${where}: ${err.message}`, { transient: true });
  const message = redactText(err instanceof Error ? err.message : String(err)).trim();
  const auth = AUTH_FAILURE.test(message);
  return new BerthError('Git', `${where}: ${message.split('\n').slice(0, 3).join(' ')}`, {
    transient: !auth,
    ...(auth ? { hint: 'check the credentials in the environment or the SSH agent' } : {}),
  });
}
