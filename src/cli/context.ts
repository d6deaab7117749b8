// What every AWS-facing command needs: settings from flags/env, the evaluated repository,
// AWS ports and the live-state cache. Built once per command run.
import { realpath } from 'node:fs/promises';
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
import { DiskJobPlanStore } from '../pipeline/job-plan-store.js';
import { printDiagnostics } from './diagnostics-output.js';

/** Flags shared by commands that talk to AWS. */
export function withAwsOptions(cmd: Command): Command {
  return cmd
    .option('--region <region>', 'AWS region (default: berth.yaml spec.region, then the SDK chain)')
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

export function portsFor(settings: RuntimeSettings, desired: DesiredState): AwsPorts {
  const region = settings.region ?? desired.region;
  return createAwsPorts({
    ...(region ? { region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    maxAttempts: settings.maxAttempts,
    ...rateLimitOptions(settings),
    ...requestTimeoutOption(settings),
  });
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

/** Remembered job plans next to the live-state cache (none with --no-cache). */
export async function jobPlansFor(
  settings: RuntimeSettings,
  desired: DesiredState,
): Promise<{ jobPlans?: DiskJobPlanStore }> {
  if (settings.cacheDir === false) return {};
  return { jobPlans: await DiskJobPlanStore.open(settings.cacheDir, desired.owner, desired.scheduleGroup) };
}
