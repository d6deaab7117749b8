// The shell around validateDocuments: find berth.yaml and the job files on disk, read
// them safely, hand the bytes to the pure validator, and resolve the lookups it finds in
// between (prepareDocuments, resolve, finishDocuments). Never throws for bad input.
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, readConfig } from './config-document.js';
import { diagnostic, hasErrors } from './diagnostic.js';
import { environmentNames } from './environments.js';
import { discoverJobFiles, isInside, readRepoFile } from './discover.js';
import type { InputFile } from './files.js';
import { cachedJobReader, type JobFileCache } from './job-file-cache.js';
import type { PositionIndex } from './positions.js';
import { finishDocuments, prepareDocuments } from './validate.js';
import type { Diagnostic, LoadResult } from '../model/diagnostics.js';
import type { LookupResolver } from '../model/lookups.js';

export interface LoadOptions {
  /** For "in the past" warnings (one-time schedules, end dates). Default: now. */
  now?: Date;
  /** Reuses what was read from files whose content has not changed. */
  jobFileCache?: JobFileCache;
  /** The environment asked for (--env / BERTH_ENV). */
  environment?: string;
  /** Resolves the lookups the environment uses; without it they are reported unresolved. */
  resolveLookups?: LookupResolver;
  /**
   * Where local Terraform state files are read (default: root). A revision read from git has
   * only its manifests: state describes today's infrastructure and comes from the working tree.
   */
  lookupRoot?: string;
}

export async function loadRepository(root: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const now = opts.now ?? new Date();
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    if (!(await stat(realRoot)).isDirectory()) throw new Error('not a directory');
  } catch {
    const d = diagnostic({
      severity: 'error',
      file: CONFIG_FILE,
      line: 0,
      column: 0,
      pointer: '',
      rule: 'repo/not-found',
      message: `${root} is not a directory`,
      hint: 'point -C/--dir at the repository',
    });
    return {
      config: undefined,
      configFile: undefined,
      jobs: [],
      diagnostics: [d],
      invalidFiles: [CONFIG_FILE],
      invalidJobNames: [],
    };
  }

  const configFile = await findConfig(realRoot);
  // Where the jobs are is written in berth.yaml; the validator reads it again, fully.
  const { jobsDir, positions } = readConfig(configFile);
  const extra: Diagnostic[] = [];
  // Without berth.yaml there is no jobs directory to expect: its absence is no second problem.
  const jobFiles = await collectJobs(realRoot, jobsDir, configFile === undefined ? [] : extra, positions);
  const cache = opts.jobFileCache;
  const used = new Set<string>();
  const prepared = prepareDocuments({
    config: configFile,
    jobFiles,
    now,
    diagnostics: extra,
    ...(cache ? { readJob: cachedJobReader(cache, used) } : {}),
    ...(opts.environment !== undefined ? { environment: opts.environment } : {}),
  });
  if (cache) {
    cache.retain(used);
    await cache.flush?.();
  }
  // Lookups are resolved between reading and checking: the rules see the values they resolve to.
  let resolved: Awaited<ReturnType<LookupResolver>> | undefined;
  if (prepared.calls.length > 0 && prepared.config && opts.resolveLookups)
    resolved = await opts.resolveLookups(prepared.calls, {
      root: opts.lookupRoot ?? realRoot,
      config: prepared.config,
      ...(prepared.environment !== undefined ? { environment: prepared.environment } : {}),
    });
  const result = finishDocuments(prepared, resolved?.results);
  if (resolved) {
    const sites = [...prepared.configSites, ...prepared.jobs.flatMap((j) => j.sites)];
    result.lookupStats = { ...resolved.stats, uses: sites.filter((s) => s.call).length };
  }
  return result;
}

/**
 * berth.yaml and the job files at `root`, found and read exactly as loadRepository finds them
 * (the jobs directory berth.yaml names, nothing outside the repository), for commands that edit
 * manifest text. Problems are not reported here: loading the repository reports them.
 */
export async function readRepositoryFiles(
  root: string,
): Promise<{ configFile: InputFile | undefined; jobFiles: InputFile[] }> {
  const realRoot = await realpath(root).catch(() => undefined);
  if (!realRoot) return { configFile: undefined, jobFiles: [] };
  const configFile = await findConfig(realRoot);
  if (!configFile) return { configFile, jobFiles: [] };
  const { jobsDir, positions } = readConfig(configFile);
  return { configFile, jobFiles: await collectJobs(realRoot, jobsDir, [], positions) };
}

/** The environments berth.yaml at `root` declares (empty when it declares none or cannot be read). */
export async function declaredEnvironments(root: string): Promise<string[]> {
  return (await environmentsOf(root)).names;
}

/**
 * The environments berth.yaml at `root` declares, and whether it was read without errors: an
 * empty list from a broken berth.yaml says nothing about which environments exist.
 */
export async function environmentsOf(root: string): Promise<{ names: string[]; readable: boolean }> {
  const realRoot = await realpath(root).catch(() => undefined);
  if (!realRoot) return { names: [], readable: false };
  const doc = readConfig(await findConfig(realRoot));
  return { names: environmentNames(doc.config), readable: !hasErrors(doc.diagnostics) };
}

/** berth.yaml, if anything by that name exists (a broken or escaping symlink is reported, not "missing"). */
async function findConfig(root: string): Promise<InputFile | undefined> {
  const abs = path.join(root, CONFIG_FILE);
  try {
    await lstat(abs);
  } catch {
    return undefined;
  }
  return readRepoFile(root, abs);
}

async function collectJobs(
  root: string,
  jobsDir: string,
  out: Diagnostic[],
  positions: PositionIndex | undefined,
): Promise<InputFile[]> {
  // At spec.jobsDir in berth.yaml when it is written there (else the file as a whole).
  const at = positions?.scalars.get('/spec/jobsDir') ?? positions?.fields.get('/spec/jobsDir') ?? [0, 0];
  const problem = (rule: string, message: string, hint: string, severity: 'error' | 'warning' = 'error') =>
    out.push(
      diagnostic({
        severity,
        file: CONFIG_FILE,
        line: at[0],
        column: at[1],
        pointer: '/spec/jobsDir',
        rule,
        message,
        hint,
      }),
    );
  const abs = path.resolve(root, jobsDir);
  if (!isInside(root, abs)) return []; // reported by the config rules (config/jobs-dir)
  let real: string;
  try {
    real = await realpath(abs);
  } catch {
    problem(
      'config/jobs-dir',
      `the jobs directory ${jobsDir}/ does not exist`,
      'create it, or set spec.jobsDir in berth.yaml',
      'warning',
    );
    return [];
  }
  if (!isInside(root, real)) {
    problem(
      'file/outside-repo',
      `the jobs directory ${jobsDir}/ is a symlink to a place outside the repository`,
      'jobs must live in the repository',
    );
    return [];
  }
  if (!(await stat(real)).isDirectory()) {
    problem(
      'config/jobs-dir',
      `spec.jobsDir "${jobsDir}" is a file, not a directory`,
      'set spec.jobsDir to the directory that holds the job manifests (e.g. jobs)',
    );
    return [];
  }
  const found = await discoverJobFiles(root, abs, new Set([CONFIG_FILE]));
  out.push(...found.diagnostics);
  return found.files;
}
