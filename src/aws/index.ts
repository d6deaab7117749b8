// The AWS adapter: the only runtime importer of @aws-sdk/*. Builds counted, rate-limited,
// adaptively paced, retrying clients once and hands out the narrow ports.
import type { AwsPorts } from '../model/ports.js';
import { configuredEndpoint, createClients, type AwsOptions } from './clients.js';
import { CallCounts } from './counting-middleware.js';
import { createEcsPort } from './ecs-port.js';
import { toBerthError } from './errors.js';
import { RateLimiter } from './rate-limit.js';
import { createSchedulerPort } from './scheduler-port.js';

export type { AwsOptions } from './clients.js';
export { DEFAULT_MAX_ATTEMPTS } from './clients.js';
export { DEFAULT_RATE_LIMITS, NO_RATE_LIMITS } from './rate-limit.js';
export { parseTaskDefinitionArn, compareRevisionArns } from './task-definition-arn.js';
export type { ReferencePorts } from './verify-ports.js';

export function createAwsPorts(opts: AwsOptions = {}): AwsPorts {
  const counts = new CallCounts();
  const clients = createClients(opts, counts, new RateLimiter(opts.rateLimits));
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
