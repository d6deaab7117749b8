// `berth controller` settings: flags, then BERTH_* environment variables, then defaults.
// Like runtime.ts, this is a reader of process.env; it also builds the environment git runs
// with (only what git needs: a daemon must not hand its whole environment to a child).
import path from 'node:path';
import { BerthError } from '../model/errors.js';
import { parseDuration } from '../run/duration.js';
import { defaultCacheDir } from './runtime.js';

export type SourceSettings =
  | { kind: 'git'; url: string; branch: string; path: string; workdir: string }
  | { kind: 'local'; dir: string };

export interface ControllerSettings {
  source: SourceSettings;
  intervalMs: number;
  resyncMs: number;
  /** How often runs are read from ECS (run health); 0 = not watched. */
  runsIntervalMs: number;
  /** ± fraction of jitter on intervals. */
  jitter: number;
  sync: { auto: boolean; selfHeal: boolean; prune: boolean };
  listen: { host: string; port: number };
  webhook: { secret: string | undefined; insecure: boolean; maxBodyBytes: number };
  alerts: {
    slackUrl: string | undefined;
    webhookUrl: string | undefined;
    webhookSecret: string | undefined;
    repeatMs: number;
    perMinute: number;
    /** Send the deploy-succeeded notice (off by default: success is not news to everyone). */
    deploys: boolean;
  };
  logLevel: string;
  shutdownMs: number;
  /** Environment for git child processes. */
  gitEnv: Record<string, string>;
}

export interface ControllerFlags {
  dir?: string;
  repo?: string;
  branch?: string;
  path?: string;
  workdir?: string;
  interval?: string;
  resync?: string;
  runsInterval?: string;
  autoSync?: boolean;
  selfHeal?: boolean;
  prune?: boolean;
  listen?: string;
  webhookInsecure?: boolean;
  slackWebhookUrl?: string;
  alertWebhookUrl?: string;
  alertRepeat?: string;
  alertDeploys?: boolean;
  logLevel?: string;
  shutdownTimeout?: string;
}

/** Variables git may see (plus GIT_TERMINAL_PROMPT=0): locating itself, SSH agent, proxies. */
const GIT_ENV_KEYS = [
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'TMPDIR',
  'XDG_CONFIG_HOME',
  'SSH_AUTH_SOCK',
  'SSH_AGENT_PID',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'GIT_SSH_COMMAND',
  'GIT_SSH',
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function controllerSettings(
  flags: ControllerFlags,
  env: NodeJS.ProcessEnv = process.env,
): ControllerSettings {
  const repo = flags.repo ?? env.BERTH_REPO_URL;
  const source: SourceSettings = repo
    ? {
        kind: 'git',
        url: repo,
        branch: flags.branch ?? env.BERTH_BRANCH ?? 'main',
        path: subPath(flags.path ?? env.BERTH_PATH ?? ''),
        workdir: path.resolve(flags.workdir ?? env.BERTH_WORKDIR ?? path.join(defaultCacheDir(env), 'git')),
      }
    : { kind: 'local', dir: path.resolve(flags.dir ?? env.BERTH_DIR ?? '.') };

  const secret = env.BERTH_WEBHOOK_SECRET || undefined;
  const insecure =
    flags.webhookInsecure ?? bool(env.BERTH_WEBHOOK_INSECURE, 'BERTH_WEBHOOK_INSECURE') ?? false;
  const logLevel = (flags.logLevel ?? env.BERTH_LOG_LEVEL ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel))
    throw new BerthError('Invalid', `log level "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);

  return {
    source,
    intervalMs: duration(flags.interval ?? env.BERTH_INTERVAL ?? '1m', '--interval'),
    resyncMs: duration(flags.resync ?? env.BERTH_RESYNC ?? '5m', '--resync'),
    runsIntervalMs: runsInterval(flags.runsInterval ?? env.BERTH_RUNS_INTERVAL ?? '1m'),
    jitter: 0.1,
    sync: {
      auto: flags.autoSync ?? bool(env.BERTH_AUTO_SYNC, 'BERTH_AUTO_SYNC') ?? true,
      selfHeal: flags.selfHeal ?? bool(env.BERTH_SELF_HEAL, 'BERTH_SELF_HEAL') ?? false,
      prune: flags.prune ?? bool(env.BERTH_PRUNE, 'BERTH_PRUNE') ?? true,
    },
    listen: listenAddress(flags.listen ?? env.BERTH_LISTEN ?? '0.0.0.0:8080'),
    webhook: {
      secret,
      insecure,
      maxBodyBytes: positiveInt(env.BERTH_WEBHOOK_MAX_BYTES, 'BERTH_WEBHOOK_MAX_BYTES') ?? 2 * 1024 * 1024,
    },
    alerts: {
      slackUrl: alertUrl(flags.slackWebhookUrl ?? env.BERTH_SLACK_WEBHOOK_URL, 'BERTH_SLACK_WEBHOOK_URL'),
      webhookUrl: alertUrl(flags.alertWebhookUrl ?? env.BERTH_ALERT_WEBHOOK_URL, 'BERTH_ALERT_WEBHOOK_URL'),
      webhookSecret: env.BERTH_ALERT_WEBHOOK_SECRET || undefined,
      repeatMs: duration(flags.alertRepeat ?? env.BERTH_ALERT_REPEAT ?? '6h', '--alert-repeat'),
      perMinute: positiveInt(env.BERTH_ALERT_RATE, 'BERTH_ALERT_RATE') ?? 10,
      deploys: flags.alertDeploys ?? bool(env.BERTH_ALERT_DEPLOYS, 'BERTH_ALERT_DEPLOYS') ?? false,
    },
    logLevel,
    shutdownMs: duration(flags.shutdownTimeout ?? env.BERTH_SHUTDOWN_TIMEOUT ?? '25s', '--shutdown-timeout'),
    gitEnv: gitEnvironment(env),
  };
}

export function gitEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of GIT_ENV_KEYS) if (env[k] !== undefined) out[k] = env[k] as string;
  // A daemon has no one to type a password: fail fast instead of waiting on a prompt.
  out.GIT_TERMINAL_PROMPT = '0';
  if (!out.GIT_SSH_COMMAND && !out.GIT_SSH) out.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  return out;
}

/**
 * An alert URL is a credential (the token is its path or query): it must be a plain http(s)
 * URL, checked at start-up, and the message about a bad one never repeats it.
 */
function alertUrl(v: string | undefined, name: string): string | undefined {
  if (!v) return undefined;
  let u: URL | undefined;
  try {
    u = new URL(v);
  } catch {
    u = undefined;
  }
  if (!u || !['http:', 'https:'].includes(u.protocol) || u.username || u.password)
    throw new BerthError(
      'Invalid',
      `${name} is not an http(s) URL without user:password@ (value not shown)`,
      {
        hint: 'e.g. https://hooks.slack.com/services/T…/B…/…',
      },
    );
  return v;
}

/**
 * Values no log line may contain, whatever code writes it: the webhook and alert secrets, the
 * alert URLs (and their secret path and query), and the credentials in the repository URL.
 */
export function knownSecrets(s: ControllerSettings): string[] {
  const out = [s.webhook.secret, s.alerts.webhookSecret];
  for (const url of [s.alerts.slackUrl, s.alerts.webhookUrl]) {
    if (!url) continue;
    const u = new URL(url);
    out.push(url, u.pathname + u.search, u.search.slice(1));
  }
  if (s.source.kind === 'git') {
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/@]+)@/i.exec(s.source.url)?.[1];
    for (const part of userinfo?.split(':') ?? []) out.push(part, safeDecode(part));
  }
  // Short fragments ("/", a user name like "git") would mask ordinary words.
  return [...new Set(out.filter((v): v is string => typeof v === 'string' && v.length >= 8))];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function subPath(p: string): string {
  const norm = path.posix
    .normalize(p.replace(/\\/g, '/'))
    .replace(/^\.\/?$/, '')
    .replace(/\/$/, '');
  if (norm.startsWith('/') || norm === '..' || norm.startsWith('../'))
    throw new BerthError('Invalid', `--path "${p}" must be a directory inside the repository`);
  return norm;
}

function listenAddress(text: string): { host: string; port: number } {
  const m = /^(?:\[?([^\]]*)\]?:)?(\d+)$/.exec(text.trim());
  const port = Number(m?.[2]);
  if (!m || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new BerthError('Invalid', `--listen "${text}" is not [host:]port`, {
      hint: 'e.g. 8080, 127.0.0.1:8080',
    });
  return { host: m[1] || '0.0.0.0', port };
}

function duration(text: string, flag: string): number {
  return parseDuration(text, flag);
}

function bool(v: string | undefined, name: string): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  const t = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'no', 'off'].includes(t)) return false;
  throw new BerthError('Invalid', `${name}="${v}" is not a boolean (true/false)`);
}

function positiveInt(v: string | undefined, name: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new BerthError('Invalid', `${name}="${v}" is not a positive integer`);
  return n;
}

/** --runs-interval: a duration, or "off" to not watch runs at all. */
function runsInterval(text: string): number {
  return text.trim().toLowerCase() === 'off' ? 0 : duration(text, '--runs-interval');
}

/**
 * Which environments of berth.yaml one controller process reconciles: `one` (today's controller:
 * the single --env / BERTH_ENV, or none), `several` named ones, or `all` that berth.yaml declares.
 * The names are checked against berth.yaml once the repository is read (before any AWS call).
 */
export type EnvironmentTargets =
  { mode: 'one'; name: string | undefined } | { mode: 'several'; names: string[] } | { mode: 'all' };

export function environmentTargets(
  flags: { env?: string[] | undefined; allEnvs?: boolean | undefined },
  env: NodeJS.ProcessEnv = process.env,
): EnvironmentTargets {
  const all = flags.allEnvs ?? bool(env.BERTH_ALL_ENVS, 'BERTH_ALL_ENVS') ?? false;
  const fromFlags = flags.env !== undefined && flags.env.length > 0;
  if (all && fromFlags) {
    // Name what the user gave: the flag, or the variable (set perhaps by a deployment).
    const allFrom = flags.allEnvs !== undefined ? '--all-envs' : `BERTH_ALL_ENVS=${env.BERTH_ALL_ENVS}`;
    throw new BerthError('Invalid', `${allFrom} and --env both given: choose one`, {
      hint:
        flags.allEnvs !== undefined
          ? 'pass --all-envs for every environment of berth.yaml, or --env NAME once per environment'
          : 'unset BERTH_ALL_ENVS to name environments with --env, or drop --env to reconcile every environment of berth.yaml',
    });
  }
  // --all-envs / BERTH_ALL_ENVS wins over BERTH_ENV (docs/controller.md): a BERTH_ENV set by a
  // base image or a shared environment file does not get in the way of "every environment".
  if (all) return { mode: 'all' };
  // --env dev,prod is read as BERTH_ENV=dev,prod is (one environment name never holds a comma).
  const split = (v: string) => v.split(',').map((n) => n.trim());
  const names = fromFlags ? flags.env!.flatMap(split) : env.BERTH_ENV ? split(env.BERTH_ENV) : [];
  const from = fromFlags ? '--env' : 'BERTH_ENV';
  if (names.some((n) => n === ''))
    throw new BerthError('Invalid', `${from} names an empty environment ("${names.join(',')}")`, {
      hint: `name environments separated by commas (${from === '--env' ? '--env dev,prod, or --env dev --env prod' : 'BERTH_ENV=dev,prod'})`,
    });
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new BerthError('Invalid', `${from} names environment "${twice}" twice`);
  if (names.length > 1) return { mode: 'several', names };
  return { mode: 'one', name: names[0] };
}
