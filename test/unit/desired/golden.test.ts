// Golden cases: a fixture repository rendered must equal its expected.json byte for byte.
// UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDesired } from '../../../src/desired/render.js';
import { loadRepository } from '../../../src/manifests/index.js';
import type { RenderOptions } from '../../../src/desired/render.js';
import { loadFixture } from './support/load-fixture.js';

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'test/fixtures/render');
const update = process.env.UPDATE_GOLDEN === '1';

function golden(expectedFile: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (update) writeFileSync(expectedFile, text);
  expect(existsSync(expectedFile), `${expectedFile} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(expectedFile, 'utf8'));
}

function options(dir: string): RenderOptions {
  const file = join(dir, 'options.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RenderOptions) : {};
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(FIXTURES, e.name, 'berth.yaml')))
  .map((e) => e.name)
  .sort();

describe('render golden cases', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(FIXTURES, name);
    const { config, jobs } = loadFixture(dir);
    golden(join(dir, 'expected.json'), renderDesired(config, jobs, options(dir)));
    // apart from the deliberately broken case, fixtures are repositories the validator accepts
    const load = await loadRepository(dir);
    const errors = load.diagnostics.filter((d) => d.severity === 'error');
    if (name === 'errors') expect(errors.length).toBeGreaterThan(0);
    else expect(errors).toEqual([]);
  });

  it('the example repository at the project root, through the real loader', async () => {
    const load = await loadRepository(ROOT);
    // warnings may depend on the clock (an at() time that has passed); errors may not
    expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(load.config).toBeDefined();
    expect(load.jobs).toHaveLength(6);
    const result = renderDesired(load.config!, load.jobs, { configFile: load.configFile! });
    expect(result.diagnostics).toEqual([]);
    golden(join(FIXTURES, 'examples.expected.json'), result);
  });
});
