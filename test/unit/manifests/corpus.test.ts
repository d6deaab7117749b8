// The bad-input corpus: every case under test/fixtures/invalid/ is a small repository and
// the exact diagnostics (rule, place, pointer) it must produce. The valid corpus must load
// with no errors and exactly the listed jobs.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVALID, VALID, project, readSpec, runCase } from './support/corpus.js';

const invalidCases = readdirSync(INVALID)
  .filter((name) => name !== '_base')
  .sort();

describe('bad-input corpus', () => {
  it('has at least 55 cases', () => {
    expect(invalidCases.length).toBeGreaterThanOrEqual(55);
  });

  it.each(invalidCases)('%s', async (name) => {
    const dir = path.join(INVALID, name);
    const spec = readSpec(dir, 'expected.json');
    const result = await runCase(dir, spec);
    const expected = (spec.diagnostics ?? []).map(({ message: _m, ...place }) => place);
    expect(project(result)).toEqual(expected);
    (spec.diagnostics ?? []).forEach((d, i) => {
      if (d.message) expect(result.diagnostics[i]!.message).toContain(d.message);
    });
    expect(result.invalidJobNames).toEqual(spec.invalidJobNames ?? []);
    expect(result.jobs.map((j) => j.manifest.metadata.name)).toEqual(spec.jobs ?? []);
    // a case is here because something is wrong with it
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });
});

const validCases = readdirSync(VALID).sort();

describe('valid corpus', () => {
  it.each(validCases)('%s', async (name) => {
    const dir = path.join(VALID, name);
    const spec = readSpec(dir, 'expected.json');
    const result = await runCase(dir, spec);
    expect(project(result)).toEqual(spec.diagnostics ?? []);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.config).toBeDefined();
    expect(result.invalidFiles).toEqual([]);
    expect(result.jobs.map((j) => j.manifest.metadata.name)).toEqual(spec.jobs ?? []);
  });
});
