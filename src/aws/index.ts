// The AWS adapter: the only runtime importer of @aws-sdk/*. Builds counted, rate-limited,
// adaptively paced, retrying clients once and hands out the narrow ports.
import type { AwsPorts, LookupPorts } from '../model/ports.js';
import { configuredEndpoint, createClients, type AwsOptions } from './clients.js';
import { CallCounts } from './counting-middleware.js';
import { createEcsPort } from './ecs-port.js';
import { createLookupPorts } from './lookup-port.js';
import { toBerthError } from './errors.js';
import { RateLimiter } from './rate-limit.js';
import { createSchedulerPort } from './scheduler-port.js';
import {
  assumedRoleCredentials,
  callerIdentity,
  stsClient,
  type AssumeRole,
  type CallerIdentity,
} from './sts.js';

export type { AwsOptions } from './clients.js';
export { CallCounts } from './counting-middleware.js';
export { sessionName, type AssumeRole } from './sts.js';
export { DEFAULT_MAX_ATTEMPTS } from './clients.js';
export { DEFAULT_RATE_LIMITS, NO_RATE_LIMITS } from './rate-limit.js';
export { parseTaskDefinitionArn, compareRevisionArns } from './task-definition-arn.js';
export type { ReferencePorts } from './verify-ports.js';

/** AwsOptions whose credentials are `role`'s, assumed from the base options' credentials. */
export function withAssumedRole(
  opts: AwsOptions,
  role: AssumeRole,
  counts: CallCounts = new CallCounts(),
  now?: () => number,
): AwsOptions {
  const sts = stsClient(opts, counts, new RateLimiter(opts.rateLimits));
  return { ...opts, credentials: assumedRoleCredentials(sts, role, now) };
}

/** Ports for `opts`; `counts` shares one call counter with other ports of the same command. */
export function createAwsPorts(opts: AwsOptions = {}, counts: CallCounts = new CallCounts()): AwsPorts {
  const limiter = new RateLimiter(opts.rateLimits);
  const clients = createClients(opts, counts, limiter);
  let identity: Promise<CallerIdentity> | undefined;
  let lookups: LookupPorts | undefined;
  let region = opts.region ?? '';
  // The SDK resolves the region lazily (env, profile); `region` is filled in once known.
  clients.ecs.config.region().then(
    (r) => (region = r),
    () => undefined,
  );

  return {
    ecs: createEcsPort(clients.ecs),
    scheduler: createSchedulerPort(clients.scheduler),
    calls: counts,
    get region() {
      return region;
    },
    identity() {
      // Asked once per ports; a failure is not kept, so the next command can succeed.
      identity ??= callerIdentity(stsClient(opts, counts, limiter)).catch((err: unknown) => {
        identity = undefined;
        throw err;
      });
      return identity;
    },
    get lookups() {
      return (lookups ??= createLookupPorts(opts, counts, limiter));
    },
    async connection() {
      try {
        region = await clients.ecs.config.region();
        const [ecs, scheduler] = await Promise.all([
          configuredEndpoint(clients.ecs),
          configuredEndpoint(clients.scheduler),
        ]);
        return { region, endpoint: ecs === scheduler ? ecs : `ecs=${ecs} scheduler=${scheduler}` };
      } catch (err) {
        throw toBerthError(err, { op: 'aws:configuration' });
      }
    },
  };
}
