// Output far larger than a pipe's buffer reaches the reader whole: the CLI exits only after
// stdout has taken everything (it used to stop at the first 64 KiB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../../support/berth-cli.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

let repo: TestRepo;

beforeAll(async () => {
  const jobs: Record<string, string> = {};
  for (let i = 0; i < 120; i++) jobs[`job-${i}.yaml`] = jobYaml(`job-${String(i).padStart(3, '0')}`);
  repo = await TestRepo.create(
    configYaml({ network: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] } }),
    jobs,
  );
});

afterAll(async () => {
  await repo.dispose();
});

describe('berth writing into a pipe', () => {
  it('delivers every byte of a large JSON document before it exits', async () => {
    const r = await runBerth(['-C', repo.dir, 'render', '-o', 'json'], {});
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(4 * 65_536);
    const rendered = JSON.parse(r.stdout) as { kind: string; jobs: unknown[] };
    expect(rendered.kind).toBe('berth.render');
    expect(rendered.jobs).toHaveLength(120);
  });
});
