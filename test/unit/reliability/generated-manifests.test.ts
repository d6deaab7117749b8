// Every manifest a user may validly write (generated field by field from the schemas and the
// rules) passes validation and renders, whichever way it is written. When validation rejects
// a generated manifest, the generator or the rule is wrong: the cron list rule (MON,WED,FRI)
// was found this way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDesired } from '../../../src/desired/index.js';
import { validateDocuments } from '../../../src/manifests/index.js';
import type { Diagnostic, LoadResult } from '../../../src/model/diagnostics.js';
import type { DesiredState } from '../../../src/model/desired.js';
import { repository } from '../../support/arbitraries/repository.js';
import { toFiles } from '../../support/arbitraries/files.js';
import type { RepoFiles, Style } from '../../support/arbitraries/files.js';
import type { GenEnv } from '../../support/arbitraries/values.js';
import { propertyRuns, SEED } from './support/runs.js';

const RUNS = propertyRuns(80);
const NOW = new Date('2025-01-01T00:00:00Z');

const ENV: GenEnv = {
  region: 'us-east-1',
  account: '123456789012',
  cluster: 'etl',
  subnets: ['subnet-0a1b2c3d4e5f60718', 'subnet-0b2c3d4e5f6071829', 'subnet-12345678'],
  securityGroups: ['sg-0c3d4e5f60718293a', 'sg-87654321'],
};

function validate(files: RepoFiles): LoadResult {
  const { 'berth.yaml': config, ...jobs } = files;
  return validateDocuments({
    config: { path: 'berth.yaml', content: config! },
    jobFiles: Object.entries(jobs).map(([path, content]) => ({ path, content })),
    now: NOW,
  });
}

const errorsOf = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.pointer} ${d.message}`);

function render(files: RepoFiles): { loaded: LoadResult; state: DesiredState; diagnostics: Diagnostic[] } {
  const loaded = validate(files);
  expect(errorsOf(loaded.diagnostics)).toEqual([]);
  const rendered = renderDesired(loaded.config!, loaded.jobs, { configFile: 'berth.yaml', revision: 'r1' });
  expect(errorsOf(rendered.diagnostics)).toEqual([]);
  return { loaded, state: rendered.state, diagnostics: [...loaded.diagnostics, ...rendered.diagnostics] };
}

describe('generated schema-valid repositories', { timeout: 120_000 }, () => {
  it(`validate without errors and render complete inputs (${RUNS} cases, seed ${SEED})`, () => {
    const warnings = new Map<string, number>();
    let jobs = 0;
    let schedules = 0;
    fc.assert(
      fc.property(
        repository(ENV),
        fc.constantFrom<Style>('block', 'flow', 'json'),
        fc.integer({ min: 1, max: 3 }),
        (repo, style, perFile) => {
          const { loaded, state, diagnostics } = render(toFiles(repo, style, perFile));
          expect(loaded.jobs).toHaveLength(repo.jobs.length);
          expect(state.jobs).toHaveLength(repo.jobs.length);
          for (const job of state.jobs) {
            const td = job.taskDefinition;
            expect(td.family).toBe(`${state.namePrefix}${job.name}`);
            expect(td.containerDefinitions?.length).toBeGreaterThan(0);
            expect(td.containerDefinitions!.some((c) => c.essential !== false)).toBe(true);
            if (job.schedule) {
              schedules++;
              expect(job.schedule.Name).toBe(job.scheduleName);
              expect(job.schedule.GroupName).toBe(state.scheduleGroup);
              expect(job.schedule.Target?.Arn).toMatch(/^arn:aws:ecs:/);
              expect(job.schedule.Target?.RoleArn).toMatch(/^arn:aws:iam::/);
              if (job.schedule.Target?.Input)
                expect(() => JSON.parse(job.schedule!.Target!.Input!)).not.toThrow();
            }
          }
          for (const d of diagnostics) warnings.set(d.rule, (warnings.get(d.rule) ?? 0) + 1);
          jobs += state.jobs.length;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(
      `[figures] generated manifests (unit): seed ${SEED}, ${RUNS} repositories, ${jobs} jobs, ${schedules} schedules, ` +
        `0 rejected; warnings ${JSON.stringify(Object.fromEntries(warnings))}`,
    );
  });

  it(`render the same whether written as block YAML, flow YAML or JSON (${Math.ceil(RUNS / 4)} cases)`, () => {
    fc.assert(
      fc.property(repository(ENV, { maxJobs: 2 }), (repo) => {
        // Positions differ between the styles; everything sent to AWS must not.
        const [block, flow, json] = (['block', 'flow', 'json'] as const).map((style) =>
          render(toFiles(repo, style, 1)).state.jobs.map(({ source: _s, ...job }) => job),
        );
        expect(flow).toEqual(block);
        expect(json).toEqual(block);
      }),
      { seed: SEED + 1, numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it(`give every field a position that points at its key in the file (${Math.ceil(RUNS / 4)} cases)`, () => {
    let checked = 0;
    fc.assert(
      fc.property(
        repository(ENV, { maxJobs: 2 }),
        fc.constantFrom<Style>('block', 'flow', 'json'),
        (repo, style) => {
          const files = toFiles(repo, style, 1);
          const { loaded } = render(files);
          for (const job of loaded.jobs) {
            const lines = files[job.source.file]!.split('\n');
            for (const [pointer, [line, column]] of Object.entries(job.positions)) {
              const segments = pointer
                .split('/')
                .slice(1)
                .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
              const key = segments.at(-1);
              const parent = segments
                .slice(0, -1)
                .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], job.manifest);
              if (key === undefined || Array.isArray(parent)) continue;
              const at = lines[line - 1]!.slice(column - 1);
              expect(
                [key, `"${key}"`, `'${key}'`].some((k) => at.startsWith(k)),
                `${pointer} at ${line}:${column}: ${at}`,
              ).toBe(true);
              checked++;
            }
          }
        },
      ),
      { seed: SEED + 2, numRuns: Math.ceil(RUNS / 4) },
    );
    expect(checked).toBeGreaterThan(0);
  });
});
