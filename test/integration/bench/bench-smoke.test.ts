// Keeps the benchmark runner working (bench/, issue 7): a tiny run (10 jobs, 1 repetition) against
// the test emulator. It asserts the shape of the results and that AWS calls were counted; timings
// are never asserted (benchmarks do not fail CI on timing).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOptions } from '../../../bench/options.js';
import type { BenchResults } from '../../../bench/results.js';
import { runBench } from '../../../bench/runner.js';
import { emulatorEndpoint } from '../../support/emulator.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('bench runner smoke (N = 10, 1 repetition)', () => {
  it('measures the scenarios through the counting proxy and writes results.json and RESULTS.md', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'berth-bench-smoke-'));
    dirs.push(out);
    const opts = parseOptions([
      '--jobs',
      '10',
      '--reps',
      '1',
      '--controller-runs',
      '1',
      '--cycles',
      '4',
      '--resync',
      '1s',
      '--scenarios',
      'first-apply,warm-plan,controller',
      '--endpoint',
      emulatorEndpoint(),
      '--out',
      out,
      '--quiet',
    ]);
    const { fresh } = await runBench(opts);

    expect(fresh.runs.filter((r) => r.error).map((r) => `${r.scenario}: ${r.error}`)).toEqual([]);
    const byScenario = new Map(fresh.runs.map((r) => [r.scenario, r]));
    expect([...byScenario.keys()].sort()).toEqual(
      [
        'controller-detect',
        'controller-resync',
        'controller-rss',
        'controller-startup',
        'first-apply',
        'warm-plan',
      ].sort(),
    );
    for (const r of fresh.runs) {
      expect(r).toMatchObject({ jobs: 10, tool: 'berth' });
      expect(r.reps).toBeGreaterThan(0);
      expect(r.wallMs.median).toBeGreaterThan(0);
      expect(r.calls.total.median).toBeGreaterThan(0);
      expect(r.calls.perJob).toBeCloseTo(r.calls.total.median / 10);
    }
    // Calls counted by operation, as the proxy saw them.
    const apply = byScenario.get('first-apply')!;
    expect(apply.variant).toBe('raised-limits');
    expect(apply.calls.byOperation).toMatchObject({
      'ecs:RegisterTaskDefinition': 10,
      'scheduler:CreateSchedule': 10,
      'scheduler:CreateScheduleGroup': 1,
    });
    // A warm no-op plan reads listings only: no describes, no GetSchedule; a light read lists
    // families by prefix, not the account's revisions.
    const warm = byScenario.get('warm-plan')!;
    expect(warm.calls.byOperation['ecs:ListTaskDefinitionFamilies']).toBe(1);
    expect(warm.calls.byOperation['ecs:ListTaskDefinitions']).toBeUndefined();
    expect(warm.calls.byOperation['ecs:DescribeTaskDefinition']).toBeUndefined();
    expect(byScenario.get('controller-detect')!.extra.detectedAfterMs?.n).toBeGreaterThan(0);
    expect(byScenario.get('controller-rss')!.extra.peakRssMb?.median).toBeGreaterThan(0);

    const saved = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BenchResults;
    expect(saved).toMatchObject({ kind: 'berth.bench', formatVersion: 1 });
    expect(saved.machine.cpus).toBeGreaterThan(0);
    expect(saved.runs).toHaveLength(fresh.runs.length);
    const md = await readFile(path.join(out, 'RESULTS.md'), 'utf8');
    expect(md).toContain('## 10 jobs');
    expect(md).toContain('warm no-op plan');
  });
});
