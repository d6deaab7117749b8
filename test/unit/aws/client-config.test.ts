// Every SDK client berth builds comes from one configuration (src/aws/clients.ts clientConfig):
// region, credentials, standard retry, attempts and user agent. Each factory sends one request
// to a local HTTP server (AWS_ENDPOINT_URL) and the request's headers show what it was built with.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientConfig,
  createClients,
  DEFAULT_USER_AGENT,
  type AwsOptions,
} from '../../../src/aws/clients.js';
import { CallCounts } from '../../../src/aws/counting-middleware.js';
import { createLeasePort, LEASE_MAX_ATTEMPTS } from '../../../src/aws/lease-port.js';
import { createLookupPorts } from '../../../src/aws/lookup-port.js';
import { NO_RATE_LIMITS, RateLimiter } from '../../../src/aws/rate-limit.js';
import { ReferenceClients } from '../../../src/aws/reference-clients.js';
import { callerIdentity, stsClient } from '../../../src/aws/sts.js';

const OPTS: AwsOptions = {
  region: 'eu-north-1',
  credentials: async () => ({ accessKeyId: 'AKIDCLIENTCONFIG', secretAccessKey: 'secret' }),
  maxAttempts: 4,
  userAgent: 'berth/9.9.9-test',
  rateLimits: NO_RATE_LIMITS,
};

let server: Server;
let seen: IncomingHttpHeaders[] = [];
let savedEndpoint: string | undefined;

beforeAll(async () => {
  // A 400 is not retried: one request per call, whatever the retry settings.
  server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'denied' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  savedEndpoint = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
  await new Promise((resolve) => server.close(resolve));
});

/** The headers of the one request `call` sends (its failure is expected and ignored). */
async function headersOf(call: () => Promise<unknown>): Promise<IncomingHttpHeaders> {
  seen = [];
  await call().catch(() => undefined);
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

/** The SDK's feature letters in the user agent (m/...): E = standard retry, F = adaptive. */
function features(h: IncomingHttpHeaders): string[] {
  const m = /(?:^| )m\/([^ ]+)/.exec(h['user-agent'] ?? '');
  return m ? m[1]!.split(',') : [];
}

function expectBuiltFromClientConfig(h: IncomingHttpHeaders, maxAttempts = OPTS.maxAttempts!) {
  expect(h['user-agent']).toContain('berth/9.9.9-test');
  expect(features(h)).toContain('E');
  expect(features(h)).not.toContain('F');
  expect(h['amz-sdk-request']).toContain(`max=${maxAttempts}`);
  expect(h.authorization).toMatch(/Credential=AKIDCLIENTCONFIG\/\d{8}\/eu-north-1\//);
}

const limiter = () => new RateLimiter(NO_RATE_LIMITS);

describe('clientConfig', () => {
  it('sets region, credentials, standard retry, attempts, timeouts and user agent from the options', () => {
    const c = clientConfig({ ...OPTS, requestTimeoutMs: 1234 });
    expect(c).toMatchObject({
      region: 'eu-north-1',
      retryMode: 'standard',
      maxAttempts: 4,
      customUserAgent: 'berth/9.9.9-test',
      requestHandler: { requestTimeout: 1234, throwOnRequestTimeout: true },
    });
    expect(c.credentials).toBe(OPTS.credentials);
    expect(clientConfig(OPTS, 'us-west-2').region).toBe('us-west-2');
    expect(clientConfig({}).customUserAgent).toBe(DEFAULT_USER_AGENT);
  });
});

describe('every client factory builds from clientConfig', () => {
  it('ECS and Scheduler (createClients)', async () => {
    const { ecs, scheduler } = createClients(OPTS, new CallCounts(), limiter());
    const { ListClustersCommand } = await import('@aws-sdk/client-ecs');
    const { ListScheduleGroupsCommand } = await import('@aws-sdk/client-scheduler');
    expectBuiltFromClientConfig(await headersOf(() => ecs.send(new ListClustersCommand({}))));
    expectBuiltFromClientConfig(await headersOf(() => scheduler.send(new ListScheduleGroupsCommand({}))));
  });

  it('STS (stsClient)', async () => {
    const sts = stsClient(OPTS, new CallCounts(), limiter());
    expectBuiltFromClientConfig(await headersOf(() => callerIdentity(sts)));
  });

  it('lookups: SSM, S3 and CloudFormation (createLookupPorts)', async () => {
    const ports = createLookupPorts(OPTS, new CallCounts(), limiter());
    expectBuiltFromClientConfig(await headersOf(() => ports.getParameters(['/a'])));
    expectBuiltFromClientConfig(await headersOf(() => ports.getObject('state-bucket', 'tf.state')));
    expectBuiltFromClientConfig(await headersOf(() => ports.stackOutputs('stack')));
  });

  it('verify and import references (ReferenceClients), in their own region too', async () => {
    const refs = new ReferenceClients(OPTS, new CallCounts(), limiter());
    expectBuiltFromClientConfig(await headersOf(() => refs.iam().send(new ListUsersCommand({}))));
    for (const make of [refs.ecr, refs.ssm, refs.secrets, refs.logs, refs.ec2, refs.sqs, refs.events]) {
      const client = make('eu-north-1');
      expect(client.config).toMatchObject({ retryMode: 'standard', customUserAgent: [['berth/9.9.9-test']] });
      expect(await make('ap-south-1').config.region()).toBe('ap-south-1');
    }
  });

  it('the lease table (createLeasePort), with its own short attempts', async () => {
    const lease = createLeasePort('locks', OPTS);
    expectBuiltFromClientConfig(await headersOf(() => lease.read('key')), LEASE_MAX_ATTEMPTS);
  });
});
