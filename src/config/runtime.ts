// Flags + environment → the settings a command runs with. The only reader of process.env
// (the AWS SDK reads its own standard variables: AWS_ENDPOINT_URL, AWS_PROFILE, …).
import path from 'node:path';
import { parseDuration } from '../run/duration.js';
import { parseRateLimits, type RateLimitSetting } from './rate-limits.js';

export interface RuntimeSettings {
  /** Repository root (where berth.yaml lives). */
  root: string;
  /** AWS region override (else the config's region, else the SDK's chain). */
  region?: string;
  profile?: string;
  /** Directory of the on-disk live-state cache; false disables it. */
  cacheDir: string | false;
  /** ANSI colour in human output. */
  color: boolean;
  /** Jobs applied at once. */
  concurrency: number;
  /** SDK attempts per call (standard retry, adaptive pacing). */
  maxAttempts: number;
  /** Whether stdin/stdout are a terminal (confirmation prompts, progress). */
  interactive: boolean;
  /** Client-side AWS rate limits from BERTH_RATE_LIMITS (absent: the defaults in src/aws). */
  rateLimits?: RateLimitSetting;
  /** Longest one AWS HTTP attempt may take, from BERTH_REQUEST_TIMEOUT (absent: the default in src/aws). */
  requestTimeoutMs?: number;
  /** Lease table from --lock-table or BERTH_LOCK_TABLE (over berth.yaml spec.lock); false: --no-lock. */
  lockTable?: string | false;
}

export interface CommonFlags {
  dir?: string;
  region?: string;
  profile?: string;
  cacheDir?: string;
  cache?: boolean;
  color?: boolean;
  concurrency?: string | number;
  lockTable?: string;
  /** false when --no-lock was given. */
  lock?: boolean;
}

export function runtimeSettings(flags: CommonFlags, env: NodeJS.ProcessEnv = process.env): RuntimeSettings {
  const interactive = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  const colorWanted =
    flags.color ?? (env.NO_COLOR === undefined && env.FORCE_COLOR !== '0' && Boolean(process.stdout.isTTY));
  const region = flags.region ?? env.BERTH_REGION;
  const profile = flags.profile ?? env.AWS_PROFILE;
  // A mistyped limit must not silently fall back to the defaults: it throws (exit 1).
  const rateLimits = env.BERTH_RATE_LIMITS ? parseRateLimits(env.BERTH_RATE_LIMITS) : undefined;
  const requestTimeoutMs = env.BERTH_REQUEST_TIMEOUT
    ? parseDuration(env.BERTH_REQUEST_TIMEOUT, 'BERTH_REQUEST_TIMEOUT')
    : undefined;
  const lockTable = flags.lock === false ? false : (flags.lockTable ?? (env.BERTH_LOCK_TABLE || undefined));
  return {
    root: path.resolve(flags.dir ?? env.BERTH_DIR ?? '.'),
    ...(region ? { region } : {}),
    ...(profile ? { profile } : {}),
    cacheDir: flags.cache === false ? false : (flags.cacheDir ?? env.BERTH_CACHE_DIR ?? defaultCacheDir(env)),
    color: colorWanted && env.NO_COLOR === undefined,
    concurrency: positiveInt(flags.concurrency ?? env.BERTH_CONCURRENCY, 4),
    maxAttempts: positiveInt(env.BERTH_MAX_ATTEMPTS, 8),
    interactive,
    ...(rateLimits ? { rateLimits } : {}),
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
    ...(lockTable !== undefined ? { lockTable } : {}),
  };
}

/** `$XDG_CACHE_HOME/berth`, else `~/.cache/berth`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || env.USERPROFILE || '.', '.cache');
  return path.join(base, 'berth');
}

function positiveInt(v: string | number | undefined, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
