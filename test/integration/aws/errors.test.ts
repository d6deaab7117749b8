import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsPorts, NO_RATE_LIMITS } from '../../../src/aws/index.js';
import { BerthError } from '../../../src/model/errors.js';
import { emulatorPorts, withEnv } from '../../support/aws.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';

const SECRET = 'never-print-this-secret-9f8e7d';

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(p: Promise<unknown>): Promise<BerthError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  const e = err as BerthError;
  expect(e.message).not.toMatch(/\n/);
  expect(`${e.message} ${e.hint ?? ''}`).not.toContain(SECRET);
  return e;
}

describe('AWS error mapping', () => {
  let proxy: CountingProxy | undefined;
  beforeEach(() => resetEmulator());
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  it('reports a missing revision as NotFound, with a hint when the ARN is from another region', async () => {
    const ports = emulatorPorts();
    const e = await failure(
      ports.ecs.deregisterTaskDefinition('arn:aws:ecs:eu-west-1:123456789012:task-definition/nope:1'),
    );
    expect(e.code).toBe('NotFound');
    expect(e.message).toBe('ecs:DeregisterTaskDefinition: Unable to describe task definition.');
    expect(e.hint).toBe(
      'arn:aws:ecs:eu-west-1:123456789012:task-definition/nope:1 is in region eu-west-1 but berth is using us-east-1',
    );
  });

  it('reports an invalid request as Validation', async () => {
    const ports = emulatorPorts();
    const e = await failure(
      ports.ecs.registerTaskDefinition({ family: 'etl-bad', containerDefinitions: [{ name: 'main' }] }),
    );
    expect(e.code).toBe('Validation');
    expect(e.message).toMatch(/^ecs:RegisterTaskDefinition: .*image/);
    expect(e.transient).toBe(false);
  });

  it('reports an endpoint nobody listens on as Unreachable, naming it', async () => {
    const port = await closedPort();
    const e = await withEnv({ AWS_SECRET_ACCESS_KEY: SECRET }, () =>
      failure(
        emulatorPorts({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 2 }).ecs.describeCluster('c'),
      ),
    );
    expect(e.code).toBe('Unreachable');
    expect(e.transient).toBe(true);
    expect(e.message).toBe(`ecs:DescribeClusters: cannot reach http://127.0.0.1:${port} (ECONNREFUSED)`);
    expect(e.hint).toContain(`http://127.0.0.1:${port}`);
  });

  it('reports missing credentials with a one-line hint', async () => {
    const e = await withEnv(
      {
        AWS_ENDPOINT_URL: emulatorEndpoint(),
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/berth-credentials',
        AWS_CONFIG_FILE: '/nonexistent/berth-config',
        AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      () => failure(createAwsPorts({ maxAttempts: 1 }).scheduler.getScheduleGroup('g')),
    );
    expect(e.code).toBe('NoCredentials');
    expect(e.message).toBe('scheduler:GetScheduleGroup: no AWS credentials found');
    expect(e.hint).toBe('set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY');
  });

  it('reports a missing region as a configuration problem, before any request', async () => {
    const e = await withEnv(
      {
        AWS_ENDPOINT_URL: emulatorEndpoint(),
        AWS_REGION: undefined,
        AWS_DEFAULT_REGION: undefined,
        AWS_PROFILE: undefined,
        AWS_CONFIG_FILE: '/nonexistent/berth-config',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      async () => {
        const ports = createAwsPorts({ maxAttempts: 1 });
        const viaConnection = await failure(ports.connection!());
        expect(viaConnection.message).toBe('aws:configuration: no AWS region configured');
        return failure(ports.ecs.describeCluster('c'));
      },
    );
    expect(e.code).toBe('Invalid');
    expect(e.hint).toMatch(/AWS_REGION/);
  });

  it('retries throttling with backoff, then reports Throttled; attempts are counted apart from calls', async () => {
    proxy = await startCountingProxy(emulatorEndpoint());
    proxy.setHook(() => ({
      status: 400,
      body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }),
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    }));
    const ports = emulatorPorts({ endpoint: proxy.url, maxAttempts: 2 });

    const e = await failure(ports.ecs.listTaskDefinitionArns({ familyPrefix: 'etl-', status: 'ACTIVE' }));

    expect(e.code).toBe('Throttled');
    expect(e.transient).toBe(true);
    expect(e.message).toBe('ecs:ListTaskDefinitions: throttled by AWS: Rate exceeded');
    expect(ports.calls.snapshot()).toEqual({ 'ecs:ListTaskDefinitions': 1 });
    expect(ports.calls.attempts?.()).toEqual({ 'ecs:ListTaskDefinitions': 2 });
    expect(proxy.counts()).toEqual({ 'ecs:ListTaskDefinitions': 2 });
  });

  it('recovers when a throttled call succeeds on retry', async () => {
    proxy = await startCountingProxy(emulatorEndpoint());
    proxy.setHook((n) =>
      n === 1 ? { status: 429, body: JSON.stringify({ message: 'slow down' }), headers: {} } : 'pass',
    );
    const ports = emulatorPorts({ endpoint: proxy.url });
    expect(await ports.scheduler.getScheduleGroup('missing')).toBeUndefined();
    expect(ports.calls.attempts?.()).toEqual({ 'scheduler:GetScheduleGroup': 2 });
  });

  it('maps HTTP 429 and AccessDeniedException', async () => {
    proxy = await startCountingProxy(emulatorEndpoint());
    const ports = emulatorPorts({ endpoint: proxy.url, maxAttempts: 1 });
    proxy.setHook(() => ({ status: 429, body: JSON.stringify({ message: 'Too many requests' }) }));
    expect((await failure(ports.scheduler.listSchedules('g'))).code).toBe('Throttled');

    proxy.setHook(() => ({
      status: 400,
      body: JSON.stringify({
        __type: 'AccessDeniedException',
        message: 'User is not authorized to perform ecs:RunTask',
      }),
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    }));
    const denied = await failure(ports.ecs.describeCluster('c'));
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message).toBe('ecs:DescribeClusters: User is not authorized to perform ecs:RunTask');
  });

  it('maps a dropped connection to Unreachable once retries are spent', async () => {
    proxy = await startCountingProxy(emulatorEndpoint());
    proxy.setHook(() => 'drop');
    const ports = emulatorPorts({ endpoint: proxy.url, maxAttempts: 2, rateLimits: NO_RATE_LIMITS });
    const e = await failure(ports.scheduler.getSchedule('g', 's'));
    expect(e.code).toBe('Unreachable');
    expect(proxy.total()).toBe(2);
  });
});
