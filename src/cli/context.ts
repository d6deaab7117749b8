// What every AWS-facing command needs: settings from flags/env, the evaluated repository,
// AWS ports and the live-state cache. Built once per command run.
import { realpath, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  CallCounts,
  createAwsPorts,
  NO_RATE_LIMITS,
  sessionName,
  withAssumedRole,
  type AwsOptions,
} from '../aws/index.js';
import { runtimeSettings, type CommonFlags, type RuntimeSettings } from '../config/runtime.js';
import { DiskLiveCache, MemoryLiveCache, type LiveCache } from '../live/index.js';
import { DiskJobFileCache } from '../manifests/index.js';
import type { DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { LookupContext, LookupResolver } from '../model/lookups.js';
import { createLookupResolver } from '../lookups/resolve.js';
import type { AwsPorts } from '../model/ports.js';
import type { Evaluation } from '../pipeline/evaluate.js';
import { evaluateRevision } from '../pipeline/evaluate-revision.js';
import { DiskJobPlanStore } from '../pipeline/job-plan-store.js';
import { printDiagnostics } from './diagnostics-output.js';
import { regionOption } from './option-parsers.js';
import { USER_AGENT } from './version.js';

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

/**
 * Flags of the commands that choose how to read live state for a plan (plan, apply): the AWS
 * flags and how revisions are read (docs/performance.md, "Light and full reads"). drift and
 * pr-report always read fully, other commands do not plan: they offer no flags they would ignore.
 */
export function withPlanReadOptions(cmd: Command): Command {
  return withAwsOptions(cmd)
    .option(
      '--full-read',
      'list every ACTIVE task-definition revision of the account now, instead of trusting the revision lists of the last full read',
    )
    .option(
      '--full-read-interval <duration>',
      'trust cached revision lists at most this long, e.g. 30m; 0 (or 0s) = always read fully [BERTH_FULL_READ_INTERVAL] (default: 1h)',
    );
}

export function settingsOf(cmd: Command): RuntimeSettings {
  // --env is the program's option; `berth run` has an --env of its own (container variables).
  let root = cmd;
  while (root.parent) root = root.parent;
  // The controller's --env may be repeated (a list); it reads the list itself (environmentTargets).
  const given = root.opts<{ env?: string | string[] }>().env;
  const env = Array.isArray(given) ? (given.length === 1 ? given[0] : undefined) : given;
  const { env: _own, ...flags } = cmd.optsWithGlobals<CommonFlags & { env?: unknown }>();
  return runtimeSettings({ ...flags, ...(env !== undefined ? { env } : {}) });
}

/** Where a command works in AWS: region, and the role to assume there (berth.yaml role). */
export interface AwsAccess {
  region?: string;
  role?: string;
  owner: string;
  environment?: string;
}

/** AWS for one command: ports and options per access, made once (one AssumeRole per role). */
export interface CommandAws {
  ports(access: AwsAccess): AwsPorts;
  /** The same credentials and counter, for the lease and verify clients. */
  options(access: AwsAccess): AwsOptions;
}

export function commandAws(settings: RuntimeSettings): CommandAws {
  const made = new Map<string, { options: AwsOptions; ports?: AwsPorts }>();
  const counts = new CallCounts();
  const entry = (access: AwsAccess) => {
    const region = settings.region ?? access.region;
    const key = `${region ?? ''}|${access.role ?? ''}|${access.environment ?? ''}`;
    let e = made.get(key);
    if (!e) {
      const base: AwsOptions = {
        ...(region ? { region } : {}),
        ...(settings.profile ? { profile: settings.profile } : {}),
        maxAttempts: settings.maxAttempts,
        ...rateLimitOptions(settings),
        ...requestTimeoutOption(settings),
        userAgent: USER_AGENT,
      };
      const options = access.role
        ? withAssumedRole(
            base,
            { arn: access.role, sessionName: sessionName(access.owner, access.environment) },
            counts,
          )
        : base;
      e = { options };
      made.set(key, e);
    }
    return e;
  };
  return {
    ports: (access) => {
      const e = entry(access);
      return (e.ports ??= createAwsPorts(e.options, counts));
    },
    options: (access) => entry(access).options,
  };
}

export function accessOf(desired: DesiredState): AwsAccess {
  return {
    ...(desired.region ? { region: desired.region } : {}),
    ...(desired.role ? { role: desired.role } : {}),
    owner: desired.owner,
    ...(desired.environment !== undefined ? { environment: desired.environment } : {}),
  };
}

/** How a command resolves lookups: with AWS (plan, apply, …) or without (validate, render, diff). */
export function lookupResolver(settings: RuntimeSettings, aws: CommandAws | undefined): LookupResolver {
  return createLookupResolver({
    env: settings.lookupVariables,
    ...(aws
      ? {
          aws: (ctx: LookupContext) =>
            aws.ports({
              ...(ctx.config.spec.region ? { region: ctx.config.spec.region } : {}),
              ...(ctx.config.spec.role ? { role: ctx.config.spec.role } : {}),
              owner: ctx.config.metadata.name,
              ...(ctx.environment !== undefined ? { environment: ctx.environment } : {}),
            }),
        }
      : {}),
  });
}

/** Loader options of a command: its environment, and lookups resolved with `aws` (false: without AWS). */
export function loadOptions(
  settings: RuntimeSettings,
  aws: CommandAws | false,
): { environment?: string; resolveLookups: LookupResolver } {
  return {
    ...(settings.environment !== undefined ? { environment: settings.environment } : {}),
    resolveLookups: lookupResolver(settings, aws || undefined),
  };
}

/**
 * Loads and renders the repository (the working tree, or `ref` read from git without touching
 * it) for the environment asked for, resolving its lookups; prints diagnostics; refuses to go
 * on with errors. `aws` false: lookups that need AWS are left unresolved (no AWS calls).
 */
export async function desiredOrFail(
  settings: RuntimeSettings,
  opts: { ref?: string; aws?: CommandAws | false } = {},
): Promise<{ evaluation: Evaluation; desired: DesiredState; aws: CommandAws; ports: () => AwsPorts }> {
  await checkCacheDir(settings);
  const jobFiles =
    opts.ref === undefined && settings.cacheDir !== false
      ? await DiskJobFileCache.open(
          settings.cacheDir,
          await realpath(settings.root).catch(() => settings.root),
        )
      : undefined;
  const aws = opts.aws || commandAws(settings);
  const { evaluation } = await evaluateRevision(settings.root, opts.ref, settings.region, jobFiles, {
    ...(settings.environment !== undefined ? { environment: settings.environment } : {}),
    resolveLookups: lookupResolver(settings, opts.aws === false ? undefined : aws),
  });
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
  const desired = evaluation.desired;
  return { evaluation, desired, aws, ports: () => aws.ports(accessOf(desired)) };
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

export function portsFor(
  settings: RuntimeSettings,
  desired: DesiredState,
  aws = commandAws(settings),
): AwsPorts {
  return aws.ports(accessOf(desired));
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
  const policy = { forceFullRead: settings.fullRead, fullReadIntervalMs: settings.fullReadIntervalMs };
  return settings.cacheDir === false
    ? new MemoryLiveCache(policy)
    : new DiskLiveCache(settings.cacheDir, policy);
}

/** Remembered job plans next to the live-state cache (none with --no-cache). */
export async function jobPlansFor(
  settings: RuntimeSettings,
  desired: DesiredState,
): Promise<{ jobPlans?: DiskJobPlanStore }> {
  if (settings.cacheDir === false) return {};
  return { jobPlans: await DiskJobPlanStore.open(settings.cacheDir, desired.owner, desired.scheduleGroup) };
}
