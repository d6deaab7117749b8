// Property tests of the manifest loader on hostile and broken input: whatever the bytes, it
// never throws, never hangs (each case has a time bound) and every diagnostic names a place
// inside the file. The figures line lists cases per property and the slowest case.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDocuments } from '../../../src/manifests/index.js';
import type { LoadResult } from '../../../src/model/diagnostics.js';
import { repository } from '../../support/arbitraries/repository.js';
import type { GenEnv } from '../../support/arbitraries/values.js';
import { checkLoad } from './support/check-load.js';
import type { Input } from './support/check-load.js';
import { anyBytes, anyString, hugeText, jsonDocument, yamlish } from './support/hostile-text.js';
import { mutateDocument, mutateText } from './support/mutations.js';
import { propertyRuns, SEED } from './support/runs.js';

/**
 * Time allowed per case: far above the milliseconds a case takes, far below a hang, and
 * linear in the input (the YAML library spends tens of microseconds per syntax error, and
 * a 1 MiB file can hold half a million of them). Generous for a loaded 2-core CI machine.
 */
const BASE_MS = 2_000;
const MS_PER_KIB = 60;
const budgetFor = (inputs: Input[]) =>
  BASE_MS +
  MS_PER_KIB *
    (inputs.reduce(
      (n, i) => n + (typeof i.content === 'string' ? i.content.length : i.content.byteLength),
      0,
    ) /
      1024);

const CONFIG = `apiVersion: berth/v1
kind: Config
metadata: {name: fuzz}
spec:
  cluster: etl
  scheduleGroup: berth-fuzz
  schedulerRoleArn: arn:aws:iam::123456789012:role/s
  defaults:
    task: {cpu: 256, memory: 512, executionRoleArn: "arn:aws:iam::123456789012:role/x"}
    network: {subnets: [subnet-12345678], securityGroups: [sg-12345678]}
`;
const ENV: GenEnv = {
  region: 'us-east-1',
  account: '123456789012',
  cluster: 'etl',
  subnets: ['subnet-12345678'],
  securityGroups: ['sg-12345678'],
};

const figures: Record<string, { cases: number; slowestMs: number; allowedMs: number }> = {};

/** Validates `jobs` (and a config, hostile or not) and checks everything that must hold. */
function check(
  property: string,
  jobs: Input[],
  config: Input = { path: 'berth.yaml', content: CONFIG },
): LoadResult {
  const budget = budgetFor([config, ...jobs]);
  const started = performance.now();
  let result: LoadResult | undefined;
  expect(() => {
    result = validateDocuments({ config, jobFiles: jobs, now: new Date('2025-01-01T00:00:00Z') });
  }).not.toThrow();
  const ms = performance.now() - started;
  const f = (figures[property] ??= { cases: 0, slowestMs: 0, allowedMs: 0 });
  f.cases++;
  if (ms > f.slowestMs) {
    f.slowestMs = ms;
    f.allowedMs = budget;
  }
  expect(ms, `${property}: one case took ${ms.toFixed(0)} ms`).toBeLessThan(budget);
  checkLoad(result!, [config, ...jobs]);
  return result!;
}

const job = (content: string | Uint8Array): Input[] => [{ path: 'jobs/x.yaml', content }];
const runs = (n: number) => ({ seed: SEED, numRuns: propertyRuns(n) });

afterAll(() => {
  const total = Object.values(figures).reduce((n, f) => n + f.cases, 0);
  const parts = Object.entries(figures).map(
    ([p, f]) => `${p} ${f.cases} (slowest ${f.slowestMs.toFixed(0)} ms of ${f.allowedMs.toFixed(0)} allowed)`,
  );
  console.log(
    `[figures] loader properties: seed ${SEED}, ${total} cases, 0 throws, 0 over budget; ${parts.join('; ')}`,
  );
});

describe('the manifest loader on hostile input', { timeout: 120_000 }, () => {
  it('arbitrary strings, lone surrogates and control characters included', () => {
    fc.assert(
      fc.property(anyString, (text) => void check('strings', job(text))),
      runs(200),
    );
  });

  it('YAML token soup: anchors, aliases, tags, directives, flow and block, deep nesting, duplicates', () => {
    fc.assert(
      fc.property(yamlish, (text) => void check('yaml-ish', job(text))),
      runs(200),
    );
  });

  it('YAML token soup as berth.yaml', () => {
    fc.assert(
      fc.property(yamlish, yamlish, (config, text) => {
        check('yaml-ish config', job(text), { path: 'berth.yaml', content: config });
      }),
      runs(100),
    );
  });

  it('bytes: arbitrary, BOMs, invalid UTF-8 sequences, NULs', () => {
    fc.assert(
      fc.property(anyBytes, anyBytes, (config, bytes) => {
        check('bytes', job(bytes));
        check('bytes config', [], { path: 'berth.yaml', content: config });
      }),
      runs(150),
    );
  });

  it('any JSON value, alone or as a spec, written as JSON or YAML', () => {
    fc.assert(
      fc.property(jsonDocument, (text) => void check('json values', job(text))),
      runs(150),
    );
  });

  it('valid manifests with a field dropped, retyped, renamed, nulled or duplicated, then text edits', () => {
    const mutated = repository(ENV, { maxJobs: 1 }).chain((repo) =>
      mutateDocument(repo.jobs[0]).chain((text) => fc.tuple(fc.constant(text), mutateText(text))),
    );
    fc.assert(
      fc.property(mutated, ([structural, edited]) => {
        check('mutations', job(structural));
        check('mutations', job(edited));
      }),
      runs(100),
    );
  });

  it('several broken files at once, some defining the same job names', () => {
    const file = fc.oneof(
      yamlish,
      jsonDocument,
      fc.constant('apiVersion: berth/v1\nkind: Job\nmetadata: {name: same}\nspec: {image: a:1}\n'),
    );
    fc.assert(
      fc.property(fc.array(file, { minLength: 2, maxLength: 6 }), (texts) => {
        const r = check(
          'many files',
          texts.map((content, i) => ({ path: `jobs/f${i}.yaml`, content })),
        );
        // A name defined twice never yields two jobs.
        const names = r.jobs.map((j) => j.manifest.metadata.name);
        expect(new Set(names).size).toBe(names.length);
      }),
      runs(60),
    );
  });

  it('huge scalars, up to 128 KiB, within a time linear in the size', () => {
    fc.assert(
      fc.property(hugeText, (text) => void check('huge', job(text))),
      runs(5),
    );
  });
});
