// The light read (issue 18 item 4): a warm no-op costs the group look-up, ListSchedules and
// ListTaskDefinitionFamilies, whatever keepRevisions and whatever other task definitions the
// account holds, and still sees what runs change out of band. Through the realistic-AWS proxy
// (no latency, no quotas) so that listings are paged and counted as AWS pages them, and
// ListTaskDefinitionFamilies' status filter works as on AWS.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DeregisterTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AWS_QUOTAS } from '../../../src/aws/quotas.js';
import { DiskLiveCache } from '../../../src/live/index.js';
import { renderPlanJson } from '../../../src/report/index.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  editScheduleOutOfBand as editSchedule,
  emulatorPorts,
  rawClients,
  registerOwnedTaskDefinition,
  registerTaskDefinition,
  taskDefinitionInput,
} from '../../support/aws.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';
import { applyRepo, pendingActions, planRepo } from '../../support/pipeline.js';
import { startRealisticAws, type RealisticAws } from '../../support/realistic-aws.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

const OWNER = 'test-owner';
const GROUP = 'berth-test';
const JOBS = ['a', 'b'];
/** Other teams' task definitions: 110, so that the account's listing takes 2 pages. */
const FOREIGN = 110;

let aws: RealisticAws;
beforeAll(async () => {
  const unlimited = Object.fromEntries(Object.keys(AWS_QUOTAS).map((k) => [k, null]));
  aws = await startRealisticAws(emulatorEndpoint(), { latency: { minMs: 0, maxMs: 0 }, quotas: unlimited });
});
afterAll(async () => {
  await aws.close();
});

async function activeArns(family: string): Promise<string[]> {
  const out = await rawClients().ecs.send(
    new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE' }),
  );
  return out.taskDefinitionArns ?? [];
}

function editScheduleOutOfBand(name: string, change: { expression?: string; taskDefinitionArn?: string }) {
  return editSchedule(GROUP, name, change);
}

/** AWS requests since the last reset, without the zero entries. */
function calls(): Record<string, number> {
  return aws.proxy.counts();
}

describe.each([1, 10])('light read with keepRevisions %i and other teams’ task definitions', (keep) => {
  let repo: TestRepo;
  let cacheDir: string;
  const ports = () => emulatorPorts({ endpoint: aws.url });
  const cache = () => new DiskLiveCache(cacheDir);

  beforeEach(async () => {
    await resetEmulator();
    await createCluster('etl');
    const network = {
      subnets: (await defaultSubnets()).slice(0, 1),
      securityGroups: [await createSecurityGroup('etl')],
    };
    repo = await TestRepo.create(
      configYaml({ network, keepRevisions: keep }),
      Object.fromEntries(JOBS.map((j) => [`${j}.yaml`, jobYaml(j)])),
    );
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'berth-light-'));
    // Steady state: keep - 1 older revisions of berth's, then the apply registers git's.
    for (const j of JOBS)
      for (let i = 1; i < keep; i++)
        await registerOwnedTaskDefinition({ family: `t-${j}`, owner: OWNER, job: j, image: `old-${i}` });
    await Promise.all(
      Array.from({ length: FOREIGN }, (_, i) => registerTaskDefinition(`other-team-${Math.floor(i / 10)}`)),
    );
    const applied = await applyRepo(repo.dir, ports(), undefined, cache());
    expect(applied.ok).toBe(true);
    for (const j of JOBS) expect(await activeArns(`t-${j}`)).toHaveLength(keep);
    // The apply's families are listed again by the next read (here: a full one, cheaper than two
    // exact listings when berth's revisions fit one page); the one after is light and warm.
    const settle = await planRepo(repo.dir, ports(), undefined, cache());
    expect(pendingActions(settle.plan)).toEqual([]);
    expect(settle.live.read).toMatchObject({ kind: 'full', reason: 'many-families' });
    aws.reset();
  });

  afterEach(async () => {
    await repo.dispose();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('a warm no-op lists families, not revisions, and says it was light', async () => {
    const { live, plan } = await planRepo(repo.dir, ports(), undefined, cache());
    expect(pendingActions(plan)).toEqual([]);
    expect(calls()).toEqual({
      'ecs:ListTaskDefinitionFamilies': 1,
      'scheduler:GetScheduleGroup': 1,
      'scheduler:ListScheduleGroups': 1,
      'scheduler:ListSchedules': 1,
      'scheduler:ListTagsForResource': 1,
    });
    expect(live.read).toMatchObject({ kind: 'light', familiesListed: 0 });
    const doc = JSON.parse(renderPlanJson(plan)) as { liveRead: Record<string, unknown> };
    expect(doc.liveRead).toMatchObject({ kind: 'light', reason: null });
    expect(doc.liveRead.lastFullReadAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(String(doc.liveRead.lastFullRead))).toBeLessThanOrEqual(Date.now());

    // --full-read: the account's listing, 2 pages with the other teams' revisions.
    aws.reset();
    const full = await planRepo(
      repo.dir,
      ports(),
      undefined,
      new DiskLiveCache(cacheDir, { forceFullRead: true }),
    );
    expect(pendingActions(full.plan)).toEqual([]);
    expect(full.live.read).toMatchObject({ kind: 'full', reason: 'forced' });
    expect(calls()['ecs:ListTaskDefinitions']).toBe(Math.ceil((FOREIGN + JOBS.length * keep) / 100));
    expect(calls()['ecs:ListTaskDefinitionFamilies']).toBeUndefined();
  });

  it('sees a schedule edited out of band', async () => {
    await editScheduleOutOfBand('t-a', { expression: 'rate(7 hours)' });
    aws.reset();
    const { live, plan } = await planRepo(repo.dir, ports(), undefined, cache());
    expect(live.read?.kind).toBe('light');
    expect(pendingActions(plan)).toEqual(['update schedule t-a']);
    expect(calls()).toMatchObject({ 'scheduler:GetSchedule': 1, 'ecs:ListTaskDefinitionFamilies': 1 });
    expect(calls()['ecs:ListTaskDefinitions']).toBeUndefined();
  });

  it('sees a schedule edited to pin a revision registered out of band', async () => {
    const input = taskDefinitionInput('t-a', {}, 'public.ecr.aws/docker/library/busybox:evil');
    const out = await rawClients().ecs.send(new RegisterTaskDefinitionCommand(input));
    await editScheduleOutOfBand('t-a', { taskDefinitionArn: out.taskDefinition!.taskDefinitionArn! });
    aws.reset();
    const { live, plan } = await planRepo(repo.dir, ports(), undefined, cache());
    expect(live.read).toMatchObject({ kind: 'light', familiesListed: 1 });
    expect(live.families['t-a']?.latest.arn).toBe(out.taskDefinition!.taskDefinitionArn);
    expect(pendingActions(plan)).toContain('update schedule t-a');
    // The one family it pins is listed exactly (one page), its new revision described once.
    expect(calls()).toMatchObject({
      'ecs:ListTaskDefinitions': 1,
      'ecs:DescribeTaskDefinition': 1,
      'scheduler:GetSchedule': 1,
    });
  });

  it('sees a new family under the prefix', async () => {
    await registerOwnedTaskDefinition({ family: 't-stray', owner: OWNER, job: 'stray' });
    aws.reset();
    const { live, plan } = await planRepo(repo.dir, ports(), undefined, cache());
    expect(live.read).toMatchObject({ kind: 'light', familiesListed: 1 });
    expect(live.families['t-stray']?.owned).toBe(true);
    expect(pendingActions(plan).some((a) => a.includes('t-stray'))).toBe(true);
    expect(calls()).toMatchObject({ 'ecs:ListTaskDefinitions': 1, 'ecs:DescribeTaskDefinition': 1 });
  });

  it('sees a family deregistered out of band', async () => {
    for (const arn of await activeArns('t-b'))
      await rawClients().ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
    aws.reset();
    const { live, plan } = await planRepo(repo.dir, ports(), undefined, cache());
    expect(live.read?.kind).toBe('light');
    expect(live.families['t-b']).toBeUndefined();
    expect(pendingActions(plan)).toContain('create taskDefinition t-b');
    expect(calls()['ecs:ListTaskDefinitions']).toBeUndefined();
  });

  it('a pinned revision deregistered out of band: the full read finds it', async () => {
    const pinned = (await activeArns('t-a')).at(-1)!;
    await rawClients().ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: pinned }));
    aws.reset();
    const light = await planRepo(repo.dir, ports(), undefined, cache());
    expect(light.live.read?.kind).toBe('light');
    if (keep === 1) {
      // Its family has no ACTIVE revision left: the families listing no longer names it.
      expect(pendingActions(light.plan)).toContain('create taskDefinition t-a');
    } else {
      // The family keeps older revisions: a light read trusts its cached list (docs/performance.md).
      expect(pendingActions(light.plan)).toEqual([]);
    }
    const full = await planRepo(
      repo.dir,
      ports(),
      undefined,
      new DiskLiveCache(cacheDir, { forceFullRead: true }),
    );
    expect(full.live.read?.kind).toBe('full');
    expect((full.live.families['t-a']?.active ?? []).map((r) => r.arn)).not.toContain(pinned);
    // The schedule must move off the deregistered revision (to a new one, or an older one of git's).
    expect(pendingActions(full.plan).filter((a) => a.endsWith(' t-a')).length).toBeGreaterThan(0);
    expect(pendingActions(full.plan)).toContain(
      keep === 1 ? 'create taskDefinition t-a' : 'update schedule t-a',
    );
  });
});
