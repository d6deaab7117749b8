// `berth init --from-task-definition`: the first job is converted from a live task definition by
// import's code, and the repository it writes validates and plans to adopt exactly that job.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRepository } from '../../../src/manifests/index.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  registerTaskDefinition,
  ROLE_ARN,
} from '../../support/aws.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { runBerth } from '../../support/berth-cli.js';

let dir: string;
beforeEach(async () => {
  await resetEmulator();
  dir = mkdtempSync(path.join(tmpdir(), 'berth-init-seed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('berth init --from-task-definition', () => {
  it('seeds the first job from the live family and writes no example job', async () => {
    await createCluster('etl');
    await registerTaskDefinition('legacy-report', {}, 'public.ecr.aws/docker/library/busybox:1.37');
    const subnets = (await defaultSubnets()).slice(0, 1);
    const sg = await createSecurityGroup('etl');
    const env = emulatorEnv();
    const args = ['-C', dir, 'init', '--name', 'legacy', '--name-prefix', 'legacy-', '--cluster', 'etl'];
    const rest = [
      '--scheduler-role-arn',
      ROLE_ARN,
      '--subnet',
      subnets[0]!,
      '--security-group',
      sg,
      '--no-input',
    ];
    const r = await runBerth([...args, ...rest, '--from-task-definition', 'legacy-report'], env);
    expect(r.stderr).not.toContain('berth:');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created   jobs/report.yaml');
    expect(r.stdout).not.toContain('hello.yaml');
    const job = readFileSync(path.join(dir, 'jobs/report.yaml'), 'utf8');
    expect(job).toContain('# Seeded by berth init from the task definition legacy-report.');
    expect(job).toContain('image: public.ecr.aws/docker/library/busybox:1.37');
    const load = await loadRepository(dir);
    expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(load.jobs.map((j) => j.manifest.metadata.name)).toEqual(['report']);

    const missing = await runBerth([...args, ...rest, '--from-task-definition', 'nope', '--force'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope');
    expect(missing.stderr).not.toContain('    at ');
  });
});
