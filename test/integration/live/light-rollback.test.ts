// A light read trusts each family's cached revision list: a rollback onto an older revision of
// git's content that was deregistered by hand must register a new revision, not repin the
// schedule onto the INACTIVE one (pipeline/verify-reuse.ts). Through the realistic-AWS proxy so
// that calls are counted: a no-op and an ordinary change gain none from the check. Also: a plan
// saved with -t names its targets (stale-plan.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeregisterTaskDefinitionCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { AWS_QUOTAS } from '../../../src/aws/quotas.js';
import { DiskLiveCache } from '../../../src/live/index.js';
import { assertPlanCurrent, parseSavedPlan } from '../../../src/pipeline/stale-plan.js';
import { renderPlanJson } from '../../../src/report/index.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
} from '../../support/aws.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';
import { applyRepo, pendingActions, planRepo } from '../../support/pipeline.js';
import { startRealisticAws, type RealisticAws } from '../../support/realistic-aws.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

let aws: RealisticAws;
let repo: TestRepo;
let cacheDir: string;
const ports = () => emulatorPorts({ endpoint: aws.url });
const cache = () => new DiskLiveCache(cacheDir);

beforeAll(async () => {
  const unlimited = Object.fromEntries(Object.keys(AWS_QUOTAS).map((k) => [k, null]));
  aws = await startRealisticAws(emulatorEndpoint(), { latency: { minMs: 0, maxMs: 0 }, quotas: unlimited });
});
afterAll(async () => {
  await aws.close();
});

beforeEach(async () => {
  await resetEmulator();
  await createCluster('etl');
  const network = {
    subnets: (await defaultSubnets()).slice(0, 1),
    securityGroups: [await createSecurityGroup('etl')],
  };
  repo = await TestRepo.create(configYaml({ network, keepRevisions: 3 }), {
    'a.yaml': jobYaml('a', { image: '1.36' }),
    'b.yaml': jobYaml('b'),
  });
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'berth-light-rollback-'));
  expect((await applyRepo(repo.dir, ports(), undefined, cache())).ok).toBe(true); // t-a:1
  await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.36.1' }));
  expect((await applyRepo(repo.dir, ports(), undefined, cache())).ok).toBe(true); // t-a:2
  // Settle: the apply's families are listed again; the next read is light and warm.
  await planRepo(repo.dir, ports(), undefined, cache());
  const warm = await planRepo(repo.dir, ports(), undefined, cache());
  expect(warm.live.read?.kind).toBe('light');
  expect(pendingActions(warm.plan)).toEqual([]);
  aws.reset();
});

afterEach(async () => {
  await repo.dispose();
  await rm(cacheDir, { recursive: true, force: true });
});

async function pinnedOf(name: string): Promise<{ arn: string; status: string; image: string }> {
  const s = await rawClients().scheduler.send(
    new GetScheduleCommand({ GroupName: 'berth-test', Name: name }),
  );
  const arn = s.Target!.EcsParameters!.TaskDefinitionArn!;
  const d = await rawClients().ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
  return {
    arn,
    status: d.taskDefinition!.status!,
    image: d.taskDefinition!.containerDefinitions![0]!.image!,
  };
}

it('a rollback onto a revision deregistered by hand registers a new one', async () => {
  const a1 = (await pinnedOf('t-a')).arn.replace(/:2$/, ':1');
  await rawClients().ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: a1 }));
  await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.36' }));
  aws.reset();
  const plan = await planRepo(repo.dir, ports(), undefined, cache());
  expect(plan.live.read?.kind).toBe('light');
  expect(pendingActions(plan.plan)).toContain('update taskDefinition t-a');
  // One exact listing of t-a found the cached list wrong; the plan was made again.
  expect(aws.proxy.counts()['ecs:ListTaskDefinitions']).toBe(1);
  expect((plan.live.families['t-a']?.active ?? []).map((r) => r.arn)).not.toContain(a1);

  const applied = await applyRepo(repo.dir, ports(), undefined, cache());
  expect(applied.ok).toBe(true);
  const now = await pinnedOf('t-a');
  expect(now.status).toBe('ACTIVE');
  expect(now.arn).not.toBe(a1);
  expect(now.image.endsWith(':1.36')).toBe(true);
  const after = await planRepo(repo.dir, ports(), undefined, cache());
  expect(pendingActions(after.plan)).toEqual([]);
});

it('a rollback onto an ACTIVE older revision repins it after one exact listing', async () => {
  await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.36' }));
  aws.reset();
  const plan = await planRepo(repo.dir, ports(), undefined, cache());
  expect(plan.live.read?.kind).toBe('light');
  expect(pendingActions(plan.plan)).toEqual(['update schedule t-a']);
  expect(aws.proxy.counts()['ecs:ListTaskDefinitions']).toBe(1);
  expect((await applyRepo(repo.dir, ports(), undefined, cache())).ok).toBe(true);
  const now = await pinnedOf('t-a');
  expect(now).toMatchObject({ status: 'ACTIVE' });
  expect(now.arn.endsWith(':1')).toBe(true);
});

it('a no-op and an ordinary change make no exact listing', async () => {
  const noop = await planRepo(repo.dir, ports(), undefined, cache());
  expect(pendingActions(noop.plan)).toEqual([]);
  expect(aws.proxy.counts()).toEqual({
    'ecs:ListTaskDefinitionFamilies': 1,
    'scheduler:GetScheduleGroup': 1,
    'scheduler:ListScheduleGroups': 1,
    'scheduler:ListSchedules': 1,
    'scheduler:ListTagsForResource': 1,
  });
  await repo.write('jobs/b.yaml', jobYaml('b', { image: '1.37' }));
  aws.reset();
  const change = await planRepo(repo.dir, ports(), undefined, cache());
  expect(change.live.read?.kind).toBe('light');
  expect(pendingActions(change.plan)).toContain('update taskDefinition t-b');
  expect(aws.proxy.counts()['ecs:ListTaskDefinitions']).toBeUndefined();
});

it('a plan saved with -t applied without it says so, not "stale"', async () => {
  await repo.write('jobs/a.yaml', jobYaml('a', { expression: 'cron(0 6 * * ? *)' }));
  const targeted = await planRepo(repo.dir, ports(), ['a'], cache());
  expect(targeted.plan.targets).toEqual(['a']);
  const saved = parseSavedPlan(renderPlanJson(targeted.plan), 'p.json');
  const everything = await planRepo(repo.dir, ports(), undefined, cache());
  expect(() => assertPlanCurrent(saved, everything.plan, 'p.json')).toThrow(
    /^p\.json was made with -t a; apply it with the same -t a$/,
  );
  const same = await planRepo(repo.dir, ports(), ['a'], cache());
  expect(() => assertPlanCurrent(saved, same.plan, 'p.json')).not.toThrow();
});
