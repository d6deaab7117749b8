// Targeted reads (issue 18 item 3): plan / apply -t read only the targets when it is provably safe,
// never prune, fall back to a full read during a rename, and still see a foreign owner.
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLiveCache } from '../../../src/live/index.js';
import { renderPlanJson } from '../../../src/report/index.js';
import { assertPlanCurrent, parseSavedPlan } from '../../../src/pipeline/stale-plan.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  editScheduleOutOfBand,
  emulatorPorts,
  rawClients,
  registerTaskDefinition,
} from '../../support/aws.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { runBerth } from '../../support/berth-cli.js';
import { emulatorEndpoint, emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { applyRepo, pendingActions, planRepo } from '../../support/pipeline.js';
import { configYaml, jobYaml, TestRepo, type RepoNetwork } from '../../support/repo.js';

const JOBS = ['a', 'b', 'c', 'd', 'e'];
let proxy: CountingProxy;
let network: RepoNetwork;
let repo: TestRepo | undefined;

async function scheduleNames(group: string): Promise<string[]> {
  const out = await rawClients().scheduler.send(new ListSchedulesCommand({ GroupName: group }));
  return (out.Schedules ?? []).map((s) => s.Name ?? '').sort();
}

async function appliedRepo(extra: Partial<Parameters<typeof configYaml>[0]> = {}) {
  repo = await TestRepo.create(
    configYaml({ network, ...extra }),
    Object.fromEntries(JOBS.map((j) => [`${j}.yaml`, jobYaml(j)])),
  );
  const cache = new MemoryLiveCache();
  const ports = emulatorPorts({ endpoint: proxy.url });
  expect((await applyRepo(repo.dir, ports, undefined, cache)).ok).toBe(true);
  proxy.reset();
  return { repo, cache, ports };
}

beforeEach(async () => {
  await resetEmulator();
  proxy = await startCountingProxy(emulatorEndpoint());
  await createCluster('etl');
  network = {
    subnets: (await defaultSubnets()).slice(0, 2),
    securityGroups: [await createSecurityGroup('etl')],
  };
});

afterEach(async () => {
  await proxy.close();
  await repo?.dispose();
  repo = undefined;
});

describe('plan / apply -t with a targeted read', () => {
  it('reads and changes only the target, never prunes, in a counted handful of calls', async () => {
    const { repo, cache, ports } = await appliedRepo();
    await repo.write('jobs/c.yaml', jobYaml('c', { expression: 'cron(0 5 * * ? *)' }));
    await repo.remove('jobs/e.yaml'); // a removal only a full read may act on

    const planned = await planRepo(repo.dir, ports, ['c'], cache);
    expect(pendingActions(planned.plan)).toEqual(['update schedule t-c']);
    expect(planned.plan.jobs.map((j) => j.job)).toEqual(['c']);
    expect(planned.plan.warnings.join('\n')).toMatch(/targeted read: only c was read; 3 other jobs not read/);
    expect(Object.keys(planned.live.schedules)).toEqual(['t-c']);
    expect(Object.keys(planned.live.families)).toEqual(['t-c']);
    expect(planned.live.read).toMatchObject({ kind: 'light', familiesListed: 1 });
    // The ownership + rename proof (2), the schedule (1), the family by exact name (1: the
    // first apply wrote to it, which drops its cached list) and the latest revision once: the
    // first apply's applied-state record re-tagged it, which drops it from the cache.
    expect(proxy.counts()).toEqual({
      'scheduler:ListScheduleGroups': 1,
      'scheduler:ListTagsForResource': 1,
      'ecs:ListTaskDefinitions': 1,
      'ecs:DescribeTaskDefinition': 1,
      'scheduler:GetSchedule': 1,
    });

    proxy.reset();
    const applied = await applyRepo(repo.dir, ports, ['c'], cache);
    expect(applied.ok).toBe(true);
    // The same read, light: the family's list and description as the plan cached them (the
    // plan listed it exactly: the first apply had written to it). Then the write, its read-back
    // and the applied-state record on the revision (docs/ownership-and-state.md): 6.
    expect(proxy.counts()).toEqual({
      'scheduler:ListScheduleGroups': 1,
      'scheduler:ListTagsForResource': 1,
      'scheduler:GetSchedule': 2,
      'scheduler:UpdateSchedule': 1,
      'ecs:TagResource': 1,
    });
    // e is still there: a targeted apply deletes nothing.
    expect(await scheduleNames('berth-test')).toEqual(JOBS.map((j) => `t-${j}`));

    // A full plan afterwards: c in sync, e an orphan to delete (only now).
    const full = await planRepo(repo.dir, emulatorPorts(), undefined, cache);
    expect(pendingActions(full.plan)).toEqual(
      expect.arrayContaining(['delete schedule t-e', 'delete taskDefinitionRevision t-e:1']),
    );
    expect(full.plan.jobs.find((j) => j.job === 'c')?.status).toBe('InSync');
  });

  it('after a full read: plan 3 calls, apply 6, the family from the light read’s list', async () => {
    const { repo, cache, ports } = await appliedRepo();
    // A plan of everything settles the cache: every family listed, every revision described.
    expect(pendingActions((await planRepo(repo.dir, ports, undefined, cache)).plan)).toEqual([]);
    await repo.write('jobs/c.yaml', jobYaml('c', { expression: 'cron(0 5 * * ? *)' }));

    proxy.reset();
    const planned = await planRepo(repo.dir, ports, ['c'], cache);
    expect(pendingActions(planned.plan)).toEqual(['update schedule t-c']);
    expect(planned.live.read).toMatchObject({ kind: 'light', familiesListed: 0 });
    expect(planned.plan.liveRead).toMatchObject({ kind: 'light' });
    expect(planned.live.families['t-c']?.latest.arn).toMatch(/task-definition\/t-c:1$/);
    expect(proxy.counts()).toEqual({
      'scheduler:ListScheduleGroups': 1,
      'scheduler:ListTagsForResource': 1,
      'scheduler:GetSchedule': 1,
    });

    proxy.reset();
    expect((await applyRepo(repo.dir, ports, ['c'], cache)).ok).toBe(true);
    expect(proxy.counts()).toEqual({
      'scheduler:ListScheduleGroups': 1,
      'scheduler:ListTagsForResource': 1,
      'scheduler:GetSchedule': 2,
      'scheduler:UpdateSchedule': 1,
      'ecs:TagResource': 1,
    });
  });

  it('a light targeted read sees a hand-registered revision its schedule was edited to pin', async () => {
    const { repo, cache, ports } = await appliedRepo();
    await planRepo(repo.dir, ports, undefined, cache);
    // Out of band: a new revision of c's family, and c's schedule edited to run it. The cached
    // list of t-c (from the full read) lacks it.
    const evil = await registerTaskDefinition('t-c', {}, 'public.ecr.aws/docker/library/busybox:evil');
    await editScheduleOutOfBand('berth-test', 't-c', { taskDefinitionArn: evil });

    proxy.reset();
    const { live, plan } = await planRepo(repo.dir, ports, ['c'], cache);
    expect(live.read).toMatchObject({ kind: 'light', familiesListed: 1 });
    expect(live.families['t-c']?.latest.arn).toBe(evil);
    expect(live.schedules['t-c']?.description.Target?.EcsParameters?.TaskDefinitionArn).toBe(evil);
    // Put back: git's revision again (a new one: the latest is not berth's) and the schedule on it.
    expect(pendingActions(plan)).toEqual(expect.arrayContaining(['update schedule t-c']));
    expect(proxy.counts()).toMatchObject({
      'ecs:ListTaskDefinitions': 1,
      'ecs:DescribeTaskDefinition': 1,
      'scheduler:GetSchedule': 1,
    });
  });

  it('keeps the stale-plan check: a saved -t plan applies while nothing moved, and not after', async () => {
    const { repo, cache, ports } = await appliedRepo();
    await repo.write('jobs/b.yaml', jobYaml('b', { expression: 'cron(0 6 * * ? *)' }));
    const saved = parseSavedPlan(
      renderPlanJson((await planRepo(repo.dir, ports, ['b'], cache)).plan),
      'p.json',
    );
    const again = await planRepo(repo.dir, ports, ['b'], cache);
    expect(() => assertPlanCurrent(saved, again.plan, 'p.json')).not.toThrow();
    // A plan of everything never passes for it (and the reverse).
    const full = await planRepo(repo.dir, ports, undefined, cache);
    expect(full.plan.liveFingerprint).not.toBe(again.plan.liveFingerprint);
    // Someone changes b in AWS: the targeted read sees it and the saved plan is stale.
    await applyRepo(repo.dir, emulatorPorts(), ['b']);
    const moved = await planRepo(repo.dir, ports, ['b'], cache);
    expect(() => assertPlanCurrent(saved, moved.plan, 'p.json')).toThrow(/stale/);
  });

  it('sees a foreign owner of the target family', async () => {
    const { repo, cache, ports } = await appliedRepo();
    await repo.write('jobs/z.yaml', jobYaml('z'));
    await registerTaskDefinition('t-z', { 'berth:managed-by': 'berth', 'berth:owner': 'team-other' });
    const { plan, live } = await planRepo(repo.dir, ports, ['z'], cache);
    expect(plan.warnings.join('\n')).toMatch(/targeted read/);
    expect(live.families['t-z']?.foreignOwner).toBe('team-other');
    expect(plan.jobs.find((j) => j.job === 'z')?.status).toBe('Conflict');
    expect(pendingActions(plan)).toEqual([]);
  });

  it('reads everything for a target not in git, and says why', async () => {
    const { repo, cache, ports } = await appliedRepo();
    await repo.remove('jobs/e.yaml');
    const { plan } = await planRepo(repo.dir, ports, ['e'], cache);
    expect(plan.warnings.join('\n')).toMatch(/-t: every job was read: e is not in git/);
    expect(proxy.counts()['scheduler:ListSchedules']).toBeGreaterThan(0);
    // The full read's decision, as without -t: e goes.
    expect(pendingActions(plan)).toContain('delete schedule t-e');
  });
});

describe('berth plan / apply -t (CLI, disk cache)', () => {
  it('says what it did not read, and applies a saved -t plan with the same -t', async () => {
    repo = await TestRepo.create(
      configYaml({ network }),
      Object.fromEntries(JOBS.map((j) => [`${j}.yaml`, jobYaml(j)])),
    );
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'berth-targeted-cache-'));
    try {
      const env = { ...emulatorEnv(proxy.url), BERTH_CACHE_DIR: cacheDir };
      const berth = (...args: string[]) => runBerth(['-C', repo!.dir, ...args], env);
      const first = await berth('apply', '--auto-approve', '--no-lock');
      expect(first.code, first.stderr).toBe(0);
      await repo.write('jobs/d.yaml', jobYaml('d', { expression: 'cron(0 9 * * ? *)' }));

      proxy.reset();
      const text = await berth('plan', '-t', 'd');
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/targeted read: only d was read; 4 other jobs not read/);
      expect(text.stdout).toMatch(/Plan: 0 to create, 1 to update, 0 to delete/);
      expect(text.stdout).toMatch(/read: light \(revision lists from the full read/);
      // The proof (2), d's family (1: the first apply wrote to it), its latest revision (1: the
      // first apply's record re-tagged it, which drops it from the cache), its schedule (1).
      expect(proxy.total()).toBe(5);

      proxy.reset();
      const saved = await berth('plan', '-t', 'd', '-o', 'json');
      // d's family now as the plan before listed it: the proof (2) and the schedule (1).
      expect(proxy.total()).toBe(3);
      expect(JSON.parse(saved.stdout)).toMatchObject({ liveRead: { kind: 'light', reason: null } });
      // --full-read: the target's family listed exactly again, and said so.
      proxy.reset();
      const forced = await berth('plan', '-t', 'd', '--full-read', '-o', 'json');
      expect(forced.code, forced.stderr).toBe(0);
      expect(proxy.counts()['ecs:ListTaskDefinitions']).toBe(1);
      expect(proxy.total()).toBe(4);
      expect(JSON.parse(forced.stdout)).toMatchObject({ liveRead: { kind: 'full', reason: 'forced' } });
      const planFile = path.join(repo.dir, 'plan.json');
      await writeFile(planFile, saved.stdout);
      // Without the same -t the saved plan is not this read's: refused, nothing changed.
      const refused = await berth('apply', planFile, '--no-lock');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/plan\.json was made with -t d; apply it with the same -t d\n/);
      proxy.reset();
      const applied = await berth('apply', planFile, '-t', 'd', '--no-lock');
      expect(applied.code, applied.stderr).toBe(0);
      expect(proxy.total()).toBe(6);
      expect(await scheduleNames('berth-test')).toEqual(JOBS.map((j) => `t-${j}`));
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('a rename in progress falls back to a full read', () => {
  it('schedule-group rename: the new group is missing, then both groups are berth’s', async () => {
    const { repo, cache, ports } = await appliedRepo();
    await repo.write('berth.yaml', configYaml({ network, group: 'berth-new' }));
    const first = await planRepo(repo.dir, ports, ['a'], cache);
    expect(first.plan.warnings.join('\n')).toMatch(
      /every job was read: the schedule group berth-new does not exist yet/,
    );
    // The full read moves a: the new copy, and the old one deleted, never two running copies.
    expect(pendingActions(first.plan)).toEqual(
      expect.arrayContaining(['create schedule t-a', 'delete schedule berth-test/t-a']),
    );
    expect((await applyRepo(repo.dir, ports, ['a'], cache)).ok).toBe(true);

    const second = await planRepo(repo.dir, ports, ['b'], cache);
    expect(second.plan.warnings.join('\n')).toMatch(
      /every job was read: a schedule-group rename is in progress \(berth also owns berth-test\)/,
    );
    expect(pendingActions(second.plan)).toEqual(
      expect.arrayContaining(['create schedule t-b', 'delete schedule berth-test/t-b']),
    );
  });

  it('namePrefix rename: the group still records the old prefix', async () => {
    const { repo, cache, ports } = await appliedRepo();
    await repo.write('berth.yaml', configYaml({ network, prefix: 'n-' }));
    const { plan } = await planRepo(repo.dir, ports, ['a'], cache);
    expect(plan.warnings.join('\n')).toMatch(/every job was read: a namePrefix rename is in progress/);
    expect(pendingActions(plan)).toEqual(
      expect.arrayContaining(['create schedule n-a', 'delete schedule t-a']),
    );
  });
});
