// The ports `berth verify` and `berth import` use beyond ECS and Scheduler, on one set of
// counted, rate-limited clients. Pass the counter of the main ports to report every call together.
import type { CallCounter, EventsPort, LogEventsPort, RunFeedPort, VerifyPorts } from '../model/ports.js';
import type { AwsOptions } from './clients.js';
import { CallCounts } from './counting-middleware.js';
import { createEcrPort } from './ecr-port.js';
import { createEventsPort } from './events-port.js';
import { createIamPort } from './iam-port.js';
import { createLogEventsPort, createLogsPort } from './logs-port.js';
import { createNetworkPort } from './network-port.js';
import { createQueuePort } from './queue-port.js';
import { createRunFeedPort } from './run-feed-port.js';
import { RateLimiter } from './rate-limit.js';
import { ReferenceClients } from './reference-clients.js';
import { createParameterPort, createSecretsPort } from './secret-ports.js';

export interface ReferencePorts extends VerifyPorts {
  events: EventsPort;
  /** Run health: the durable run feed and dead-letter queues. */
  runFeed: RunFeedPort;
  /** `berth run --wait --logs`: the containers' CloudWatch Logs. */
  logEvents: LogEventsPort;
}

export function createReferencePorts(opts: AwsOptions = {}, calls?: CallCounter): ReferencePorts {
  const counts = calls instanceof CallCounts ? calls : new CallCounts();
  const clients = new ReferenceClients(opts, counts, new RateLimiter(opts.rateLimits));
  return {
    iam: createIamPort(clients.iam),
    ecr: createEcrPort(clients.ecr),
    ssm: createParameterPort(clients.ssm),
    secrets: createSecretsPort(clients.secrets),
    logs: createLogsPort(clients.logs),
    ec2: createNetworkPort(clients.ec2),
    sqs: createQueuePort(clients.sqs),
    events: createEventsPort(() => clients.events()),
    runFeed: createRunFeedPort(clients.sqs, clients.events),
    logEvents: createLogEventsPort(clients.logs),
    calls: counts,
  };
}
