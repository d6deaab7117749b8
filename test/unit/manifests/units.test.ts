import { describe, expect, it } from 'vitest';
import {
  fargateMemoryOptions,
  isValidFargateSize,
  parseCpu,
  parseMemory,
} from '../../../src/manifests/units.js';

describe('parseCpu', () => {
  it.each([
    [512, 512],
    ['512', 512],
    ['0.5 vCPU', 512],
    ['1 vcpu', 1024],
    ['2vCPUs', 2048],
    ['0.25 VCPU', 256],
  ])('%s → %d units', (input, units) => {
    expect(parseCpu(input)).toEqual({ ok: true, value: units });
  });

  it.each(['half', '', '-1', '0', '0.3 vCPU', '1 GB'])('rejects %j', (input) => {
    expect(parseCpu(input).ok).toBe(false);
  });
});

describe('parseMemory', () => {
  it.each([
    [1024, 1024],
    ['1 GB', 1024],
    ['1GiB', 1024],
    ['2g', 2048],
    ['512 MiB', 512],
    ['512mb', 512],
    ['0.5 GB', 512],
  ])('%s → %d MiB', (input, mib) => {
    expect(parseMemory(input)).toEqual({ ok: true, value: mib });
  });

  it.each(['lots', '1 TB', '0', '1.1 GB'])('rejects %j', (input) => {
    expect(parseMemory(input).ok).toBe(false);
  });
});

describe('Fargate sizes', () => {
  it('knows the table', () => {
    expect(fargateMemoryOptions(256)).toEqual([512, 1024, 2048]);
    expect(fargateMemoryOptions(512)).toEqual([1024, 2048, 3072, 4096]);
    expect(fargateMemoryOptions(8192).at(-1)).toBe(61440);
    expect(fargateMemoryOptions(300)).toEqual([]);
  });
  it.each([
    [256, 512, true],
    [256, 4096, false],
    [1024, 2048, true],
    [1024, 1024, false],
    [16384, 122880, true],
    [16384, 36864, false],
  ])('cpu %d memory %d → %s', (cpu, mem, ok) => {
    expect(isValidFargateSize(cpu, mem)).toBe(ok);
  });
});
