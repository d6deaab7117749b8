// Flags + environment → the settings a command runs with. The only reader of process.env
// (the AWS SDK reads its own standard variables: AWS_ENDPOINT_URL, AWS_PROFILE, …).
import path from 'node:path';
import { DEFAULT_FULL_READ_INTERVAL_MS } from '../live/cache.js';
import { parseDuration } from '../run/duration.js';
import { colorEnabled, type ColorChoice } from './color.js';
import { envInt, envRegion } from './env-values.js';
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
  /** The environment of berth.yaml to work on, from --env or BERTH_ENV. */
  environment?: string;
  /** Every read lists all ACTIVE revisions of the account (--full-read). */
  fullRead: boolean;
  /** Light reads trust the cached revision lists this long (--full-read-interval, BERTH_FULL_READ_INTERVAL; 0: never). */
  fullReadIntervalMs: number;
  /** What {{ env "NAME" }} lookups read: the process environment (src/config is its only reader). */
  lookupVariables: Readonly<Record<string, string | undefined>>;
}

export interface CommonFlags {
  dir?: string;
  region?: string;
  profile?: string;
  cacheDir?: string;
  cache?: boolean;
  /** --color auto|always|never (global). */
  color?: ColorChoice | boolean;
  /** A number when commander parsed it (cli/option-parsers.ts intOption). */
  concurrency?: number;
  lockTable?: string;
  /** false when --no-lock was given. */
  lock?: boolean;
  env?: string;
  fullRead?: boolean;
  fullReadInterval?: string;
}

export function runtimeSettings(flags: CommonFlags, env: NodeJS.ProcessEnv = process.env): RuntimeSettings {
  const interactive = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  // Every variable is read strictly, here, before any command touches the repository or AWS.
  const region = flags.region ?? envRegion('BERTH_REGION', env.BERTH_REGION);
  const profile = flags.profile ?? env.AWS_PROFILE;
  // A mistyped limit must not silently fall back to the defaults: it throws (exit 1).
  const rateLimits = env.BERTH_RATE_LIMITS ? parseRateLimits(env.BERTH_RATE_LIMITS) : undefined;
  const requestTimeoutMs = env.BERTH_REQUEST_TIMEOUT
    ? parseDuration(env.BERTH_REQUEST_TIMEOUT, 'BERTH_REQUEST_TIMEOUT')
    : undefined;
  const lockTable = flags.lock === false ? false : (flags.lockTable ?? (env.BERTH_LOCK_TABLE || undefined));
  const environment = flags.env ?? (env.BERTH_ENV || undefined);
  return {
    root: path.resolve(flags.dir ?? env.BERTH_DIR ?? '.'),
    ...(region ? { region } : {}),
    ...(profile ? { profile } : {}),
    cacheDir: flags.cache === false ? false : (flags.cacheDir ?? env.BERTH_CACHE_DIR ?? defaultCacheDir(env)),
    color: colorEnabled(flags.color, env, Boolean(process.stdout.isTTY)),
    concurrency: flags.concurrency ?? envInt('BERTH_CONCURRENCY', env.BERTH_CONCURRENCY, 1, 100) ?? 4,
    maxAttempts: envInt('BERTH_MAX_ATTEMPTS', env.BERTH_MAX_ATTEMPTS, 1, 20) ?? 8,
    interactive,
    ...(rateLimits ? { rateLimits } : {}),
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
    ...(lockTable !== undefined ? { lockTable } : {}),
    ...(environment !== undefined ? { environment } : {}),
    fullRead: flags.fullRead ?? false,
    fullReadIntervalMs: fullReadInterval(flags.fullReadInterval, env.BERTH_FULL_READ_INTERVAL),
    lookupVariables: env,
  };
}

/** Any spelling of zero: 0, 0s, 0m0s, PT0S (a duration elsewhere must be positive; here 0 means "always"). */
const ZERO = /^(?:(?:0+(?:\.0*)?(?:ms|s|m|h|d)?)+|pt0+(?:\.0*)?[smh])$/;

/** A duration (1h by default), or 0 / "always": every read is a full one. */
export function fullReadInterval(flag: string | undefined, envValue: string | undefined): number {
  const [text, name] =
    flag !== undefined ? [flag, '--full-read-interval'] : [envValue || undefined, 'BERTH_FULL_READ_INTERVAL'];
  if (text === undefined) return DEFAULT_FULL_READ_INTERVAL_MS;
  const t = text.trim().toLowerCase();
  if (t === 'always' || ZERO.test(t)) return 0;
  return parseDuration(text, name);
}

/** `$XDG_CACHE_HOME/berth`, else `~/.cache/berth`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || env.USERPROFILE || '.', '.cache');
  return path.join(base, 'berth');
}
