// SDK clients for the services `berth verify` and `berth import` read beyond ECS and Scheduler,
// built like clients.ts builds those two (its clientConfig, counting and rate-limit middleware).
// A reference may live in another region than the repository's (an ECR registry, an SSM
// parameter ARN, an awslogs-region), so regional clients are made per region on first use.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig, type AwsOptions, type ClientConfig } from './clients.js';
import { addCountingMiddleware, type CallCounts } from './counting-middleware.js';
import { stackOf } from './middleware-stack.js';
import { addRateLimitMiddleware, type RateLimiter } from './rate-limit.js';

type Ctor<C> = new (config: ClientConfig) => C;

/** One client per service and region, counted and rate-limited under the service's own key. */
export class ReferenceClients {
  private readonly made = new Map<string, unknown>();

  constructor(
    private readonly opts: AwsOptions,
    private readonly counts: CallCounts,
    private readonly limiter: RateLimiter,
  ) {}

  iam = () => this.client('iam', IAMClient, undefined);
  ecr = (region?: string) => this.client('ecr', ECRClient, region);
  ssm = (region?: string) => this.client('ssm', SSMClient, region);
  secrets = (region?: string) => this.client('secretsmanager', SecretsManagerClient, region);
  logs = (region?: string) => this.client('logs', CloudWatchLogsClient, region);
  ec2 = (region?: string) => this.client('ec2', EC2Client, region);
  sqs = (region?: string) => this.client('sqs', SQSClient, region);
  events = (region?: string) => this.client('events', EventBridgeClient, region);

  private client<C extends { middlewareStack: unknown }>(service: string, ctor: Ctor<C>, region?: string): C {
    const key = `${service}@${region ?? ''}`;
    const known = this.made.get(key) as C | undefined;
    if (known) return known;
    const client = new ctor(clientConfig(this.opts, region));
    addCountingMiddleware(stackOf(client), service, this.counts);
    addRateLimitMiddleware(stackOf(client), service, this.limiter);
    this.made.set(key, client);
    return client;
  }
}
