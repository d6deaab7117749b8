import { describe, expect, it } from 'vitest';
import { mergeDefaults } from '../../../src/manifests/merge.js';
import { minimalOverride } from '../../../src/import/minimise.js';
import { formatCpu, formatMemory } from '../../../src/import/sizes.js';
import { parseCpu, parseMemory } from '../../../src/manifests/units.js';

describe('minimalOverride (the inverse of the merge rule)', () => {
  const cases: [string, unknown, unknown, unknown][] = [
    ['equal to the default: nothing', { a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }, undefined],
    ['a scalar that differs', { a: 2 }, { a: 1 }, { a: 2 }],
    ['a default the live value lacks: null', { a: 1 }, { a: 1, b: 'x' }, { b: null }],
    [
      'maps recurse',
      { m: { x: '1', y: '2' } },
      { m: { x: '1', y: '3', z: '4' } },
      { m: { y: '2', z: null } },
    ],
    ['lists replace whole', { l: ['a'] }, { l: ['a', 'b'] }, { l: ['a'] }],
    ['nothing wanted, a map by default', undefined, { x: 1 }, null],
  ];
  it.each(cases)('%s', (_name, wanted, base, expected) => {
    const over = minimalOverride(wanted, base);
    expect(over).toEqual(expected);
    // Merged back over the default, the override gives exactly what was wanted.
    expect(mergeDefaults(base, over as never)).toEqual(wanted);
  });
});

describe('sizes as people write them', () => {
  it.each([
    [256, '0.25 vCPU'],
    [512, '0.5 vCPU'],
    [1024, '1 vCPU'],
    [4096, '4 vCPU'],
    [100, 100],
  ])('cpu %s → %s, and back', (units, text) => {
    expect(formatCpu(units)).toBe(text);
    expect(parseCpu(text)).toEqual({ ok: true, value: units });
  });
  it.each([
    [512, '512 MiB'],
    [1024, '1 GB'],
    [3072, '3 GB'],
    [1536, '1536 MiB'],
  ])('memory %s → %s, and back', (mib, text) => {
    expect(formatMemory(mib)).toBe(text);
    expect(parseMemory(text)).toEqual({ ok: true, value: mib });
  });
});
