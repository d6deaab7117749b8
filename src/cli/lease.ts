// The lease around a command that writes (`berth apply`): choose it from flags, environment and
// berth.yaml, warn when there is none, load the DynamoDB client only when there is one, and take
// the lease (waiting up to --lock-timeout). The controller uses the same pieces for leader election.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AwsOptions } from '../aws/index.js';
import type { RuntimeSettings } from '../config/runtime.js';
import type { ControllerMetrics } from '../controller/metrics.js';
import { acquireLease } from '../lease/acquire.js';
import { describeHolder } from '../lease/describe.js';
import { leaseIdentity, leaseKey, type LeaseIdentity } from '../lease/identity.js';
import { LeaderElection } from '../lease/leader.js';
import type { Lease } from '../lease/lease.js';
import type { Logger } from '../log/logger.js';
import { chooseLease, UNPROTECTED_HINT, UNPROTECTED_WARNING } from '../lease/settings.js';
import type { DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { LeasePort } from '../model/ports.js';
import type { AlertSink } from '../notify/dispatcher.js';
import { systemClock, type Clock } from '../run/clock.js';
import { USER_AGENT } from './version.js';

/** host:pid:random — the random part tells apart two processes that reuse a pid on one host. */
export function processIdentity(): LeaseIdentity {
  return leaseIdentity(os.hostname(), process.pid, randomBytes(4).toString('hex'));
}

/** The DynamoDB lease port, imported on first use so commands without a lock never load it. */
export async function leasePortFor(
  settings: RuntimeSettings,
  table: string,
  region: string | undefined,
  aws?: AwsOptions,
): Promise<LeasePort> {
  const { createLeasePort } = await import('../aws/lease-port.js');
  const chosen = settings.region ?? region;
  // The environment's credentials (an assumed role) when there are some: the table is in its account.
  return createLeasePort(table, {
    ...(chosen ? { region: chosen } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(aws?.credentials ? { credentials: aws.credentials } : {}),
    userAgent: USER_AGENT,
  });
}

/** The lease key of a desired state; a missing region is the usual configuration error. */
export async function keyFor(port: LeasePort, desired: DesiredState): Promise<string> {
  const region = await port.region().catch((err: unknown) => {
    throw new BerthError('Invalid', 'no AWS region configured for the lock table', {
      cause: err,
      hint: 'set AWS_REGION, --region, or spec.region in berth.yaml',
    });
  });
  return leaseKey(region, desired.scheduleGroup);
}

export interface HoldOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  err?: NodeJS.WritableStream;
  /** The command's AWS options for this desired state (credentials of an assumed role). */
  aws?: AwsOptions;
}

/** The held lease, or undefined when none is configured (after the one warning) or --no-lock. */
export async function holdLease(
  settings: RuntimeSettings,
  desired: DesiredState,
  opts: HoldOptions,
): Promise<Lease | undefined> {
  const err = opts.err ?? process.stderr;
  const choice = chooseLease(settings.lockTable, desired.lock);
  if (choice.mode === 'unconfigured')
    err.write(`berth: warning: ${UNPROTECTED_WARNING}\n  hint: ${UNPROTECTED_HINT}\n`);
  if (choice.mode !== 'lease') return undefined;
  const port = await leasePortFor(settings, choice.table, desired.region, opts.aws);
  const key = await keyFor(port, desired);
  const lease = await acquireLease(
    port,
    { key, purpose: 'apply', owner: desired.owner, identity: processIdentity(), ttlMs: choice.ttlMs },
    systemClock,
    {
      timeoutMs: opts.timeoutMs,
      ...(opts.signal ? { signal: opts.signal } : {}),
      onWait: (holder) =>
        err.write(
          `berth: waiting up to ${Math.round(opts.timeoutMs / 1000)}s for lease ${key}, held by ${holder ? describeHolder(holder, Date.now()) : 'another berth'}\n`,
        ),
    },
  );
  err.write(`berth: lease ${key} acquired (table ${choice.table}, holder ${lease.record.holder})\n`);
  return lease;
}

/** SIGINT / SIGTERM abort `stop` until the returned function is called. */
export function abortOnSignals(stop: AbortController): () => void {
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** The controller's leader election: only the replica holding the lease reconciles. */
export function leaderElection(
  runtime: RuntimeSettings,
  deps: {
    clock: Clock;
    log: Logger;
    metrics: ControllerMetrics;
    elected: () => void;
    /** AWS options (an environment's assumed role) for a desired state: the table is in its account. */
    awsFor?: (desired: DesiredState) => AwsOptions;
  },
): LeaderElection {
  const ports = new Map<string, Promise<LeasePort>>();
  return new LeaderElection({
    choose: (desired) => chooseLease(runtime.lockTable, desired.lock),
    portFor: (table, region, desired) => {
      const key = `${table}@${runtime.region ?? region ?? ''}@${desired?.role ?? ''}`;
      let port = ports.get(key);
      const aws = desired && deps.awsFor ? deps.awsFor(desired) : undefined;
      if (!port) ports.set(key, (port = leasePortFor(runtime, table, region, aws)));
      return port;
    },
    clock: deps.clock,
    log: deps.log,
    identity: processIdentity(),
    onChange: (leader) => deps.metrics.leader?.(leader),
    onElected: deps.elected,
  });
}

/** Followers validate new commits too; only the leader (or an undecided replica) alerts. */
export function leaderAlerts(sink: AlertSink, election: LeaderElection): AlertSink {
  return {
    send: (alert) => {
      if (!election.following) sink.send(alert);
    },
    forget: (fingerprint) => sink.forget(fingerprint),
  };
}
