// Each injected fault as berth's SDK clients see it through the proxy: throttles are named
// ThrottlingException and retried as throttles, 5xx are transient server errors, resets and
// held requests are network failures, and an "after" fault loses the response of a write
// that happened.
import { ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sdkErrorName } from '../../../src/aws/error-name.js';
import { BerthError } from '../../../src/model/errors.js';
import { emulatorPorts, rawClients, taskDefinitionInput } from '../../support/aws.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';
import { startFaultInjector, type FaultInjector } from '../../support/fault-injector.js';

let inj: FaultInjector;

beforeEach(async () => {
  await resetEmulator();
  inj = await startFaultInjector(emulatorEndpoint(), { seed: 1, rates: {}, slowMs: 400, holdMs: 4_000 });
});
afterEach(async () => {
  await inj.close();
});

async function failure(p: Promise<unknown>): Promise<BerthError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  return err as BerthError;
}

async function activeRevisions(family: string): Promise<number> {
  const out = await rawClients().ecs.send(
    new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE' }),
  );
  return (out.taskDefinitionArns ?? []).length;
}

describe('fault injector, as the SDK sees it', () => {
  it('ECS throttling (HTTP 400 JSON-RPC) is a ThrottlingException, retried, then Throttled', async () => {
    inj.setRates({ throttle: 1 });
    const one = emulatorPorts({ endpoint: inj.url, maxAttempts: 1 });
    const e = await failure(one.ecs.listTaskDefinitionArns({ familyPrefix: 'x', status: 'ACTIVE' }));
    expect(sdkErrorName(e)).toBe('ThrottlingException');
    expect(e.code).toBe('Throttled');
    expect(e.transient).toBe(true);

    const three = emulatorPorts({ endpoint: inj.url, maxAttempts: 3 });
    await failure(three.ecs.listTaskDefinitionArns({ familyPrefix: 'x', status: 'ACTIVE' }));
    expect(three.calls.attempts?.()).toEqual({ 'ecs:ListTaskDefinitions': 3 });
    expect(inj.counts()).toEqual({ 'throttle:before': 4 });
  });

  it('Scheduler throttling (HTTP 429 REST-JSON) is a ThrottlingException too', async () => {
    inj.setRates({ throttle: 1 });
    const ports = emulatorPorts({ endpoint: inj.url, maxAttempts: 2 });
    const e = await failure(ports.scheduler.listSchedules('g'));
    expect(sdkErrorName(e)).toBe('ThrottlingException');
    expect(e.code).toBe('Throttled');
    expect(ports.calls.attempts?.()).toEqual({ 'scheduler:ListSchedules': 2 });
  });

  it('500 and 503 are transient server errors that a retry gets past', async () => {
    for (const kind of ['internal', 'unavailable'] as const) {
      inj.setRates({ [kind]: 1 });
      const e = await failure(
        emulatorPorts({ endpoint: inj.url, maxAttempts: 1 }).scheduler.getScheduleGroup('default'),
      );
      expect(e.code).toBe('Internal');
      expect(e.transient).toBe(true);
      expect(e.message).toMatch(kind === 'internal' ? /HTTP 500/ : /HTTP 503/);
    }
    // Only one attempt fails (the rates switch off after the first fault): the retry lands.
    inj.reset();
    inj.setRates({ unavailable: 1 });
    inj.observe((_op, _body, _url, fault) => {
      if (fault) inj.setRates({});
    });
    const ports = emulatorPorts({ endpoint: inj.url, maxAttempts: 3 });
    expect(await ports.scheduler.getScheduleGroup('missing')).toBeUndefined();
    expect(ports.calls.attempts?.()).toEqual({ 'scheduler:GetScheduleGroup': 2 });
    expect(inj.byKind().unavailable).toBe(1);
  });

  it('a reset before the emulator is Unreachable and changes nothing', async () => {
    inj.setRates({ reset: 1 });
    const ports = emulatorPorts({ endpoint: inj.url, maxAttempts: 1 });
    const e = await failure(ports.ecs.registerTaskDefinition(taskDefinitionInput('fi-before')));
    expect(e.code).toBe('Unreachable');
    expect(await activeRevisions('fi-before')).toBe(0);
  });

  it('a fault after the emulator loses the response of a write that happened', async () => {
    await inj.close();
    inj = await startFaultInjector(emulatorEndpoint(), {
      seed: 1,
      rates: { reset: 1 },
      afterShare: 1,
      applies: (op) => op === 'ecs:RegisterTaskDefinition',
    });
    const ports = emulatorPorts({ endpoint: inj.url, maxAttempts: 1 });
    const e = await failure(ports.ecs.registerTaskDefinition(taskDefinitionInput('fi-after')));
    expect(e.code).toBe('Unreachable');
    expect(inj.counts()).toEqual({ 'reset:after': 1 });
    // The client saw an error, yet the revision exists.
    expect(await activeRevisions('fi-after')).toBe(1);
  });

  it('a held request fails at the client request timeout, not when the server lets go', async () => {
    inj.setRates({ timeout: 1 });
    const ports = emulatorPorts({ endpoint: inj.url, maxAttempts: 1, requestTimeoutMs: 500 });
    const t0 = Date.now();
    const e = await failure(ports.ecs.describeCluster('etl'));
    const elapsed = Date.now() - t0;
    expect(sdkErrorName(e)).toBe('TimeoutError');
    expect(e.code).toBe('Unreachable');
    // holdMs is 4 s: without throwOnRequestTimeout the SDK would wait for the proxy to drop.
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('a slow response arrives late but intact', async () => {
    inj.setRates({ slow: 1 });
    const ports = emulatorPorts({ endpoint: inj.url, maxAttempts: 1 });
    const t0 = Date.now();
    expect(await ports.scheduler.getScheduleGroup('missing')).toBeUndefined();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    expect(inj.byKind()).toMatchObject({ slow: 1, reset: 0, timeout: 0 });
  });
});
