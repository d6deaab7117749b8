// What every AWS-facing command needs: settings from flags/env, the evaluated repository,
// AWS ports and the live-state cache. Built once per command run.
import { realpath, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { createAwsPorts, NO_RATE_LIMITS, type AwsOptions } from '../aws/index.js';
import { runtimeSettings, type CommonFlags, type RuntimeSettings } from '../config/runtime.js';
import { DiskLiveCache, MemoryLiveCache, type LiveCache } from '../live/index.js';
import { DiskJobFileCache } from '../manifests/index.js';
import type { DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { AwsPorts } from '../model/ports.js';
import type { Evaluation } from '../pipeline/evaluate.js';
import { evaluateRevision } from '../pipeline/evaluate-revision.js';
import { printDiagnostics } from './diagnostics-output.js';
import { regionOption } from './option-parsers.js';

/** Flags shared by commands that talk to AWS. */
export function withAwsOptions(cmd: Command): Command {
  return cmd
    .option(
      '--region <region>',
      'AWS region [BERTH_REGION] (default: berth.yaml spec.region, then the SDK chain)',
      regionOption,
    )
    .option('--profile <name>', 'AWS shared-config profile')
    .option('--cache-dir <dir>', 'cache directory (default: $XDG_CACHE_HOME/berth)')
    .option('--no-cache', 'do not read or write the on-disk cache (live state, parsed manifests)');
}

export function settingsOf(cmd: Command): RuntimeSettings {
  return runtimeSettings(cmd.optsWithGlobals<CommonFlags>());
}

/**
 * Loads and renders the repository (the working tree, or `ref` read from git without touching
 * it); prints diagnostics; refuses to go on with errors.
 */
export async function desiredOrFail(
  settings: RuntimeSettings,
  opts: { ref?: string } = {},
): Promise<{ evaluation: Evaluation; desired: DesiredState }> {
  await checkCacheDir(settings);
  const jobFiles =
    opts.ref === undefined && settings.cacheDir !== false
      ? await DiskJobFileCache.open(
          settings.cacheDir,
          await realpath(settings.root).catch(() => settings.root),
        )
      : undefined;
  const { evaluation } = await evaluateRevision(settings.root, opts.ref, settings.region, jobFiles);
  if (evaluation.diagnostics.length > 0)
    printDiagnostics(evaluation.diagnostics, process.stderr, settings.color);
  if (!evaluation.desired) {
    throw new BerthError(
      'Invalid',
      `${opts.ref === undefined ? 'the repository' : opts.ref} has ${evaluation.errors} error(s); nothing was planned or changed`,
      {
        hint: 'fix them (see `berth validate`) and run again',
      },
    );
  }
  return { evaluation, desired: evaluation.desired };
}

/**
 * A cache directory that is a file (`--cache-dir /etc/passwd`) is a mistake to report, once and
 * before anything is read; one that does not exist yet is created when the cache is written.
 */
export async function checkCacheDir(settings: RuntimeSettings): Promise<void> {
  if (settings.cacheDir === false) return;
  const dir = settings.cacheDir;
  const info = await stat(dir).catch((err: unknown) => err as NodeJS.ErrnoException);
  const problem =
    info instanceof Error
      ? info.code === 'ENOENT'
        ? undefined
        : info.code === 'ENOTDIR'
          ? 'a part of its path is a file'
          : (info.code ?? info.message)
      : info.isDirectory()
        ? undefined
        : 'it is a file, not a directory';
  if (problem)
    throw new BerthError('Invalid', `cache directory ${dir} cannot be used: ${problem}`, {
      hint: 'pass --cache-dir DIR (or BERTH_CACHE_DIR) naming a directory, or --no-cache',
    });
}

export function portsFor(settings: RuntimeSettings, desired: DesiredState): AwsPorts {
  return createAwsPorts(awsOptionsFor(settings, settings.region ?? desired.region));
}

/** The AWS client options of the runtime settings (flags and environment), in `region`. */
export function awsOptionsFor(settings: RuntimeSettings, region: string | undefined): AwsOptions {
  return {
    ...(region ? { region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    maxAttempts: settings.maxAttempts,
    ...rateLimitOptions(settings),
    ...requestTimeoutOption(settings),
  };
}

/** BERTH_RATE_LIMITS as AWS options ("off" = every default limit switched off). */
export function rateLimitOptions(settings: RuntimeSettings): Pick<AwsOptions, 'rateLimits'> {
  if (!settings.rateLimits) return {};
  return { rateLimits: settings.rateLimits === 'off' ? NO_RATE_LIMITS : settings.rateLimits };
}

/** BERTH_REQUEST_TIMEOUT as an AWS option. */
export function requestTimeoutOption(settings: RuntimeSettings): Pick<AwsOptions, 'requestTimeoutMs'> {
  return settings.requestTimeoutMs ? { requestTimeoutMs: settings.requestTimeoutMs } : {};
}

export function cacheFor(settings: RuntimeSettings): LiveCache {
  return settings.cacheDir === false ? new MemoryLiveCache() : new DiskLiveCache(settings.cacheDir);
}
