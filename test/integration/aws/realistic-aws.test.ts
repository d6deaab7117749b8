// The realistic-AWS proxy (test/support/realistic-aws.ts) against the emulator: it holds an
// operation to its bucket (burst, then the refill rate), its buckets are the account's (shared by
// every client), its throttles are ThrottlingExceptions the SDK retries as throttles, and berth's
// adaptive pacing gets two concurrent clients through it without a storm of throttles.
import { ECSClient, ListTaskDefinitionsCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/model/errors.js';
import { emulatorPorts, rawClients, taskDefinitionInput } from '../../support/aws.js';
import { emulatorEndpoint, REGION, resetEmulator } from '../../support/emulator.js';
import { startRealisticAws, type RealisticAws } from '../../support/realistic-aws.js';

const LIST = 'ecs:ListTaskDefinitions';
let aws: RealisticAws;

beforeEach(async () => {
  await resetEmulator();
});
afterEach(async () => {
  await aws?.close();
});

interface Outcome {
  name?: string;
  status?: number;
  attempts?: number;
}

async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    const out = (await p) as { $metadata?: { attempts?: number } };
    return { attempts: out.$metadata?.attempts };
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, attempts: e.$metadata?.attempts };
  }
}

/**
 * Lists back to back for `ms` through `clients` in turn; one attempt each. A first call per client
 * loads the SDK's lazy parts; the account is reset after it, so every bucket starts full.
 */
async function hammer(clients: ECSClient[], ms: number): Promise<number> {
  for (const c of clients) await outcome(c.send(new ListTaskDefinitionsCommand({})));
  aws.reset();
  const t0 = performance.now();
  let i = 0;
  while (performance.now() - t0 < ms) {
    const client = clients[i++ % clients.length]!;
    await outcome(client.send(new ListTaskDefinitionsCommand({})));
  }
  return (performance.now() - t0) / 1000;
}

/** Raw SDK clients to `url` with `maxAttempts` attempts per call (standard retry). */
function sdk(url: string, maxAttempts = 1) {
  const config = {
    endpoint: url,
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts,
  };
  return { ecs: new ECSClient(config), scheduler: new SchedulerClient(config) };
}

describe('realistic-AWS proxy', () => {
  it('passes the burst, then holds an operation to its refill rate', async () => {
    aws = await startRealisticAws(emulatorEndpoint(), {
      latency: { minMs: 0, maxMs: 0 },
      quotas: { [LIST]: { burst: 5, rate: 10 } },
    });
    const seconds = await hammer([sdk(aws.url).ecs], 1500);
    const { passed, throttled } = aws.stats()[LIST]!;
    // 5 at once, then 10 a second: never more than the bucket allows over the run (give or take a
    // token), and it does refill: well past the burst. Not "exactly the bucket": a client starved of
    // CPU (CI on a loaded machine) sends nothing for a while and the bucket, capped at its burst,
    // loses those tokens, so the lower bound is half the refill.
    expect(passed).toBeGreaterThanOrEqual(5 + Math.floor(10 * seconds * 0.5));
    expect(passed).toBeLessThanOrEqual(Math.ceil(5 + 10 * seconds) + 1);
    expect(throttled).toBeGreaterThan(passed);
    expect(aws.proxy.counts()[LIST]).toBe(passed + throttled);
  });

  it('is one account: concurrent clients share its buckets', async () => {
    aws = await startRealisticAws(emulatorEndpoint(), {
      latency: { minMs: 0, maxMs: 0 },
      quotas: { [LIST]: { burst: 5, rate: 10 } },
    });
    const seconds = await hammer([sdk(aws.url).ecs, sdk(aws.url).ecs], 1500);
    expect(aws.stats()[LIST]!.passed).toBeLessThanOrEqual(Math.ceil(5 + 10 * seconds) + 1);
  });

  it('answers ECS in JSON 1.1 (HTTP 400) and Scheduler in REST-JSON (HTTP 429): the SDK retries both as throttles', async () => {
    aws = await startRealisticAws(emulatorEndpoint(), {
      latency: { minMs: 0, maxMs: 0 },
      quotas: { 'ecs:*': { burst: 0, rate: 0 }, 'scheduler:*': { burst: 0, rate: 0 } },
    });
    const one = sdk(aws.url);
    expect(await outcome(one.ecs.send(new ListTaskDefinitionsCommand({})))).toEqual({
      name: 'ThrottlingException',
      status: 400,
      attempts: 1,
    });
    expect(await outcome(one.scheduler.send(new ListSchedulesCommand({})))).toEqual({
      name: 'ThrottlingException',
      status: 429,
      attempts: 1,
    });
    // An HTTP 400 the SDK did not take for a throttle would not be retried at all.
    expect(await outcome(sdk(aws.url, 2).ecs.send(new ListTaskDefinitionsCommand({})))).toMatchObject({
      name: 'ThrottlingException',
      attempts: 2,
    });
    // berth's ports name it too.
    const ports = emulatorPorts({ endpoint: aws.url, maxAttempts: 1 });
    const err = await ports.scheduler.listSchedules('g').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('Throttled');
  });

  it('pages ECS listings as AWS does (100 a page): its counts are what AWS would count', async () => {
    const { ecs } = rawClients();
    for (let i = 0; i < 130; i++)
      await ecs.send(new RegisterTaskDefinitionCommand(taskDefinitionInput(`paged-${i % 7}`)));
    aws = await startRealisticAws(emulatorEndpoint(), { latency: { minMs: 0, maxMs: 0 } });
    const ports = emulatorPorts({ endpoint: aws.url });
    const arns = await ports.ecs.listTaskDefinitionArns({ familyPrefix: 'paged-', status: 'ACTIVE' });
    expect(arns).toHaveLength(130);
    expect(new Set(arns).size).toBe(130);
    expect(aws.proxy.counts()).toEqual({ [LIST]: 2 });
  });

  it('adds the configured latency to every call', async () => {
    aws = await startRealisticAws(emulatorEndpoint(), { latency: { minMs: 80, maxMs: 80 } });
    const { ecs } = sdk(aws.url);
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) await ecs.send(new ListTaskDefinitionsCommand({}));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(3 * 78);
  });

  it("berth's adaptive pacing: two berths sharing the account finish, with few throttles", async () => {
    const register = 'ecs:RegisterTaskDefinition';
    aws = await startRealisticAws(emulatorEndpoint(), {
      latency: { minMs: 5, maxMs: 20 },
      quotas: { [register]: { burst: 6, rate: 10 } },
    });
    // Each berth believes it has the account to itself at 10/s, and registers 4 at a time.
    const berths = [0, 1].map(() =>
      emulatorPorts({ endpoint: aws.url, maxAttempts: 10, rateLimits: { [register]: 10 } }),
    );
    const t0 = performance.now();
    await Promise.all(
      berths.flatMap((ports, b) =>
        [0, 1, 2, 3].map(async () => {
          for (let i = 0; i < 6; i++)
            await ports.ecs.registerTaskDefinition(taskDefinitionInput(`pace-${b}`));
        }),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    const { passed, throttled } = aws.stats()[register]!;
    expect(passed).toBe(48);
    // 48 registrations, 6 at once and 10/s after: at least 4.2 s, whoever sends them.
    expect(seconds).toBeGreaterThan(4);
    expect(seconds).toBeLessThan(7.5);
    // Fixed-rate clients (no back-off) meet 25-35 throttles here; adapting, about 9.
    expect(throttled).toBeLessThan(16);
  });
});
