// A git remote as a source: `ls-remote` first (cheap), a fetch only when the branch head moved
// (shallow the first time, incremental after that, so the clone can tell a fast-forward from a
// rewritten history), then the work tree is reset to exactly that commit. The URL is passed on
// each command and never stored in the clone, so a token in it never lands on disk.
import { createHash } from 'node:crypto';
import { mkdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { BerthError } from '../model/errors.js';
import { gitRemote, type GitRemote } from './git-credentials.js';
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
  /**
   * Called once per sync with what happened (metrics), and also with 'repaired' (and the
   * reason, redacted) when a damaged working copy was thrown away and fetched afresh.
   */
  onFetch?: (outcome: FetchOutcome, error?: string) => void;
}

export type FetchOutcome = 'fetched' | 'unchanged' | 'failed' | 'repaired' | 'aborted';

const FETCHED_REF = 'refs/berth/head';

export class GitSource implements Source {
  readonly description: string;
  private readonly repoDir: string;
  private head: string | undefined;

  private readonly remote: GitRemote;

  constructor(private readonly opts: GitSourceOptions) {
    this.remote = gitRemote(opts.url);
    this.description = `${redactUrl(opts.url)}#${opts.branch}${opts.path ? `:${opts.path}` : ''}`;
    const slug = createHash('sha256').update(`${opts.url}\n${opts.branch}`).digest('hex').slice(0, 16);
    this.repoDir = path.join(opts.workdir, slug);
  }

  async sync(signal?: AbortSignal): Promise<SourceSnapshot> {
    try {
      const remote = await this.remoteHead(signal);
      // The working copy may have been deleted under a running controller: fetch it again.
      if (remote === this.head && (await isDirectory(path.join(this.repoDir, '.git')))) {
        this.opts.onFetch?.('unchanged');
        return await this.snapshot(remote);
      }
      const sha = await this.checkout(signal);
      this.head = sha;
      this.opts.onFetch?.('fetched');
      return await this.snapshot(sha);
    } catch (err) {
      // A stop cuts git short on purpose: not a failed read of the remote.
      this.opts.onFetch?.(signal?.aborted ? 'aborted' : 'failed');
      throw gitError(err, this.description);
    }
  }

  private async snapshot(sha: string): Promise<SourceSnapshot> {
    const dir = path.join(this.repoDir, this.opts.path ?? '');
    // --path may name a directory the repository commits as a symlink: manifests must not be
    // read from wherever it points outside the clone.
    if (this.opts.path) {
      const [root, real] = await Promise.all([realpath(this.repoDir), realpath(dir).catch(() => dir)]);
      const rel = path.relative(root, real);
      if (rel.startsWith('..') || path.isAbsolute(rel))
        throw new BerthError('Git', `--path ${this.opts.path} leads outside the repository (a symlink?)`);
    }
    return { revision: sha, id: sha, dir };
  }

  private async remoteHead(signal: AbortSignal | undefined): Promise<string> {
    await mkdir(this.opts.workdir, { recursive: true });
    const out = await this.git(this.opts.workdir, signal).listRemote([
      this.remote.url,
      `refs/heads/${this.opts.branch}`,
    ]);
    const sha = out
      .split('\n')
      .find((l) => l.endsWith(`\trefs/heads/${this.opts.branch}`))
      ?.split('\t')[0];
    if (!sha) throw new BerthError('Git', `branch ${this.opts.branch} not found`, { transient: true });
    return sha;
  }

  /**
   * True when `ancestor` is in the history of `descendant` (a fast-forward), false when not (a
   * rewritten or unrelated history), undefined when the clone cannot tell (first fetch after a
   * start, or a commit it never had).
   */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean | undefined> {
    if (ancestor === descendant) return true;
    try {
      // merge-base prints the ancestor itself exactly when it is one (and nothing for unrelated
      // histories); --is-ancestor's exit code 1 is not an error to simple-git.
      const base = (await this.git(this.repoDir, undefined).raw(['merge-base', ancestor, descendant])).trim();
      return base === ancestor;
    } catch {
      return undefined;
    }
  }

  /**
   * The clone is only a cache: a stale index.lock from a killed git, lost objects or a half-deleted
   * directory must not stop the controller for good. When fetching into it fails although the
   * remote answered ls-remote, it is thrown away and fetched afresh, once.
   */
  private async checkout(signal: AbortSignal | undefined): Promise<string> {
    try {
      return await this.fetchAndReset(signal);
    } catch (err) {
      if (signal?.aborted) throw err;
      await rm(this.repoDir, { recursive: true, force: true });
      const sha = await this.fetchAndReset(signal);
      // Only now is it known that the clone, not the remote, was at fault.
      this.opts.onFetch?.('repaired', gitError(err, this.description).message);
      return sha;
    }
  }

  /** Fetches the branch head into a private ref and makes the work tree exactly that commit. */
  private async fetchAndReset(signal: AbortSignal | undefined): Promise<string> {
    await this.ensureRepository(signal);
    const git = this.git(this.repoDir, signal);
    // `rev-parse --verify --quiet` prints nothing for a missing ref (exit 1, no error to simple-git).
    const fresh = (await git.raw(['rev-parse', '--verify', '--quiet', FETCHED_REF])).trim() === '';
    await git.raw([
      'fetch',
      '--quiet',
      // Later fetches bring the history since the commit the clone has, which is what tells a
      // fast-forward from a force-push; manifest repositories are small.
      ...(fresh ? ['--depth=1'] : []),
      '--no-tags',
      this.remote.url,
      `+refs/heads/${this.opts.branch}:${FETCHED_REF}`,
    ]);
    const sha = (await git.revparse([FETCHED_REF])).trim();
    await git.raw(['reset', '--quiet', '--hard', sha]);
    await git.raw(['clean', '-ffdxq']);
    return sha;
  }

  private async ensureRepository(signal: AbortSignal | undefined): Promise<void> {
    if (await isDirectory(path.join(this.repoDir, '.git'))) return;
    // A half-made directory from an interrupted start is ours to replace.
    await rm(this.repoDir, { recursive: true, force: true });
    await mkdir(this.repoDir, { recursive: true });
    await this.git(this.repoDir, signal).raw(['init', '--quiet']);
  }

  private git(baseDir: string, signal: AbortSignal | undefined): SimpleGit {
    const env = { ...this.opts.env, ...this.remote.env };
    const guarded = Object.keys(env).filter((k) => k.startsWith('GIT_'));
    const git = simpleGit({
      baseDir,
      // The operator's own GIT_* settings (GIT_SSH_COMMAND, GIT_TERMINAL_PROMPT) are wanted here.
      allowEnvironment: guarded,
      unsafe: {
        allowUnsafeSshCommand: 'GIT_SSH_COMMAND' in env || 'GIT_SSH' in env,
        // Set by berth itself (git-credentials.ts), never from outside: it carries the credentials.
        allowUnsafeConfigEnvCount: 'GIT_CONFIG_COUNT' in this.remote.env,
      },
      timeout: { block: this.opts.timeoutMs ?? 120_000 },
      ...(signal ? { abort: signal } : {}),
    });
    return Object.keys(env).length > 0 ? git.env(env) : git;
  }
}

const isDirectory = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

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
