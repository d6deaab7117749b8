// Generated schema-valid repositories applied to the emulator: every rendered
// RegisterTaskDefinition and CreateSchedule input is accepted, and a second plan is a no-op
// (the normalisers agree with what the emulator returns for whatever a user may write).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsPorts } from '../../../src/model/ports.js';
import { createCluster, createSecurityGroup, defaultSubnets, emulatorPorts } from '../../support/aws.js';
import { toFiles } from '../../support/arbitraries/files.js';
import type { RepoFiles, Style } from '../../support/arbitraries/files.js';
import { LAUNCHES, repository } from '../../support/arbitraries/repository.js';
import type { GenEnv } from '../../support/arbitraries/values.js';
import { ACCOUNT, REGION, resetEmulator } from '../../support/emulator.js';
import { applyRepo, pendingActions, planRepo } from '../../support/pipeline.js';

const SEED = Number(process.env.BERTH_FC_SEED ?? 20240601);
const RUNS = Math.max(1, Math.round(40 * Number(process.env.BERTH_FC_RUNS ?? 1)));

let work: string;
let ports: AwsPorts;
let env: GenEnv;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'berth-generated-'));
  await resetEmulator();
  ports = emulatorPorts();
  env = {
    region: REGION,
    account: ACCOUNT,
    cluster: 'etl',
    subnets: (await defaultSubnets()).slice(0, 3),
    securityGroups: [await createSecurityGroup('gen-a'), await createSecurityGroup('gen-b')],
  };
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function writeRepo(dir: string, files: RepoFiles): Promise<void> {
  for (const [rel, body] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }
}

describe('generated repositories against the emulator', () => {
  it(`are accepted as rendered and plan as a no-op afterwards (${RUNS} cases, seed ${SEED})`, async () => {
    const counts = { cases: 0, jobs: 0, registered: 0, schedules: 0, groups: 0 };
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(
        repository(env, {
          maxJobs: 3,
          // The emulator turns any non-EC2 compatibility into FARGATE + awsvpc (moto quirk), so an
          // EXTERNAL job's networkMode cannot round-trip there; the unit property covers it.
          launches: LAUNCHES.filter((l) => l !== 'external'),
          emulator: true,
        }),
        fc.constantFrom<Style>('block', 'flow', 'json'),
        async (repo, style) => {
          // Each case on a clean account: the emulator keeps no state between them.
          await resetEmulator();
          await createCluster(env.cluster);
          const dir = path.join(work, `case-${counts.cases++}`);
          const files = toFiles(repo, style, 2);
          await writeRepo(dir, files);
          try {
            const applied = await applyRepo(dir, ports);
            expect(applied.ok, JSON.stringify(applied.jobs.filter((j) => j.outcome !== 'applied'))).toBe(
              true,
            );
            const suspended = new Set(applied.desired.jobs.filter((j) => j.sync.suspend).map((j) => j.name));
            for (const job of applied.jobs)
              if (!suspended.has(job.job)) expect(job.outcome, job.job).toBe('applied');
            counts.jobs += applied.desired.jobs.length;
            counts.registered += applied.calls['ecs:RegisterTaskDefinition'] ?? 0;
            counts.schedules += applied.calls['scheduler:CreateSchedule'] ?? 0;
            counts.groups += applied.calls['scheduler:CreateScheduleGroup'] ?? 0;
            expect(applied.calls['ecs:RegisterTaskDefinition'] ?? 0).toBe(applied.desired.jobs.length);
            expect(applied.calls['scheduler:CreateSchedule'] ?? 0).toBe(
              applied.desired.jobs.filter((j) => j.schedule).length,
            );

            const again = await planRepo(dir, ports);
            const changes = again.plan.jobs.flatMap((j) =>
              j.actions.filter((a) => a.kind !== 'noop').map((a) => ({ job: j.job, changes: a.changes })),
            );
            expect(pendingActions(again.plan), JSON.stringify(changes)).toEqual([]);
          } catch (err) {
            console.log(`failing case files:\n${JSON.stringify(files, null, 2)}`);
            throw err;
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        },
      ),
      // Shrinking against a live emulator would take minutes; the failing files are printed.
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `[figures] generated manifests (emulator): seed ${SEED}, ${counts.cases} repositories, ${counts.jobs} jobs, ` +
        `${counts.registered} RegisterTaskDefinition and ${counts.schedules} CreateSchedule accepted, ` +
        `${counts.groups} groups, second plan no-op in all; ${seconds}s`,
    );
    expect(counts.registered).toBeGreaterThan(0);
  });
});
