// The fault injector's decisions: reproducible from the seed, independent of how operations
// interleave, and close to the configured rates.
import { describe, expect, it } from 'vitest';
import {
  decideFault,
  faultResponse,
  FAULT_KINDS,
  mixedRates,
  type AwsErrorAnswer,
  type Fault,
  type FaultSettings,
} from '../../support/fault-injector.js';

const OPS = ['ecs:RegisterTaskDefinition', 'ecs:ListTaskDefinitions', 'scheduler:CreateSchedule'];

function run(settings: FaultSettings, perOp: number): (Fault | undefined)[] {
  return OPS.flatMap((op) => Array.from({ length: perOp }, (_, i) => decideFault(settings, op, i + 1)));
}

describe('decideFault', () => {
  it('gives the same faults for the same seed and different ones for another seed', () => {
    const s = { seed: 42, rates: mixedRates(0.2) };
    const a = run(s, 500);
    expect(run({ ...s }, 500)).toEqual(a);
    const other = run({ ...s, seed: 43 }, 500);
    expect(other).not.toEqual(a);
    // Same rate, different places: the two runs agree on far fewer than all positions.
    const same = a.filter((f, i) => JSON.stringify(f) === JSON.stringify(other[i])).length;
    expect(same).toBeLessThan(a.length * 0.8);
  });

  it('depends on (operation, k) only, not on the order requests arrive in', () => {
    const s = { seed: 7, rates: mixedRates(0.3) };
    const forward = OPS.map((op) => decideFault(s, op, 17));
    const backward = [...OPS].reverse().map((op) => decideFault(s, op, 17));
    expect(backward.reverse()).toEqual(forward);
  });

  it('keeps the total and per-kind rates within a few standard deviations', () => {
    const s = { seed: 2024, rates: mixedRates(0.2) };
    const n = 30_000;
    const faults = run(s, n / OPS.length).filter((f): f is Fault => f !== undefined);
    // Binomial(30000, 0.2): sd ≈ 69; per kind Binomial(30000, 1/30): sd ≈ 31.
    expect(Math.abs(faults.length - 0.2 * n)).toBeLessThan(4 * 69);
    for (const kind of FAULT_KINDS) {
      const count = faults.filter((f) => f.kind === kind).length;
      expect(Math.abs(count - n / 30), kind).toBeLessThan(4 * 31);
    }
  });

  it('strikes after the emulator at about afterShare, and never throttles after', () => {
    const s = { seed: 9, rates: mixedRates(0.5), afterShare: 0.25 };
    const faults = run(s, 4000).filter((f): f is Fault => f !== undefined);
    expect(faults.filter((f) => f.kind === 'throttle' && f.phase === 'after')).toEqual([]);
    const others = faults.filter((f) => f.kind !== 'throttle');
    const after = others.filter((f) => f.phase === 'after').length / others.length;
    expect(after).toBeGreaterThan(0.2);
    expect(after).toBeLessThan(0.3);
  });

  it('honours rate 0, single kinds and the operation filter', () => {
    expect(run({ seed: 1, rates: {} }, 1000).every((f) => f === undefined)).toBe(true);
    const only = run({ seed: 1, rates: { reset: 1 } }, 100);
    expect(only.every((f) => f?.kind === 'reset')).toBe(true);
    expect(decideFault({ seed: 1, rates: { reset: 1 } }, 'ec2:DescribeSubnets', 1)).toBeUndefined();
    const filtered = { seed: 1, rates: { reset: 1 }, applies: (op: string) => op.endsWith('Schedule') };
    expect(decideFault(filtered, 'ecs:RegisterTaskDefinition', 1)).toBeUndefined();
    expect(decideFault(filtered, 'scheduler:CreateSchedule', 1)?.kind).toBe('reset');
  });
});

describe('faultResponse', () => {
  const settings: FaultSettings = { seed: 1, rates: {}, slowMs: 50, holdMs: 900 };
  const fault = (op: string, kind: Fault['kind'], phase: Fault['phase'] = 'before'): Fault => ({
    op,
    k: 1,
    kind,
    phase,
  });

  it('throttles ECS as JSON-RPC (HTTP 400, __type) and Scheduler as REST-JSON (HTTP 429, header)', () => {
    const ecs = faultResponse(fault('ecs:RegisterTaskDefinition', 'throttle'), settings) as AwsErrorAnswer;
    expect(ecs.status).toBe(400);
    expect(JSON.parse(ecs.body)).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' });
    expect(ecs.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(ecs.headers['x-amzn-errortype']).toMatch(/^ThrottlingException:/);

    const sch = faultResponse(fault('scheduler:CreateSchedule', 'throttle'), settings) as AwsErrorAnswer;
    expect(sch.status).toBe(429);
    expect(sch.headers['x-amzn-errortype']).toMatch(/^ThrottlingException:/);
    expect(JSON.parse(sch.body)).toMatchObject({ message: 'Rate exceeded' });
  });

  it('stages the other kinds before or after the emulator', () => {
    expect(faultResponse(fault('ecs:X', 'internal', 'after'), settings)).toMatchObject({
      upstreamFirst: true,
      then: { status: 500 },
    });
    expect(faultResponse(fault('ecs:X', 'unavailable'), settings)).toMatchObject({
      upstreamFirst: false,
      then: { status: 503 },
    });
    expect(faultResponse(fault('ecs:X', 'reset', 'after'), settings)).toEqual({
      upstreamFirst: true,
      then: 'drop',
    });
    expect(faultResponse(fault('ecs:X', 'slow'), settings)).toEqual({
      upstreamFirst: false,
      delayMs: 50,
      then: 'pass',
    });
    expect(faultResponse(fault('ecs:X', 'timeout', 'after'), settings)).toEqual({
      upstreamFirst: true,
      delayMs: 900,
      then: 'drop',
    });
  });
});
