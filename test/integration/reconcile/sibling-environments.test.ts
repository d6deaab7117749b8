// Two environments of one repository in one account: what one environment's group records
// (berth:environment) keeps the other from taking it for an old name of its own, whatever
// berth.yaml says now (the other environment renamed, re-prefixed or removed).
import { UntagResourceCommand } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { rawClients } from '../../support/aws.js';
import { ACCOUNT, REGION } from '../../support/emulator.js';
import { jobYaml, TestRepo } from '../../support/repo.js';
import type { RepoNetwork } from '../../support/repo.js';
import {
  activeRevisions,
  berthIn,
  environmentsConfig,
  groupNames,
  groupTags,
  pinnedRevision,
  planJson,
  scheduleNames,
  useFreshAccount,
} from './support.js';

const t = useFreshAccount();

const config = (n: RepoNetwork, prod: string | undefined, devGroup = 'data-dev') =>
  environmentsConfig(n, `    dev: { namePrefix: dev-, scheduleGroup: ${devGroup} }\n${prod ?? ''}`);
const prodLine = (group: string, prefix: string) =>
  `    prod: { namePrefix: ${prefix}, scheduleGroup: ${group}, jobs: { exclude: [b] } }\n`;

/** dev (jobs a, b) and prod (job a) applied side by side; returns the CLI. */
async function bothApplied() {
  t.repo = await TestRepo.create(config(t.network, prodLine('data-prod', 'prod-')), {
    'a.yaml': jobYaml('a'),
    'b.yaml': jobYaml('b'),
  });
  const berth = berthIn(t.repo);
  expect((await berth('--env', 'dev', 'apply', '--auto-approve')).code).toBe(0);
  expect((await berth('--env', 'prod', 'apply', '--auto-approve')).code).toBe(0);
  expect(await scheduleNames('data-prod')).toEqual(['prod-a']);
  expect(await scheduleNames('data-dev')).toEqual(['dev-a', 'dev-b']);
  // Each group records its environment.
  expect((await groupTags('data-dev'))['berth:environment']).toBe('dev');
  expect((await groupTags('data-prod'))['berth:environment']).toBe('prod');
  return berth;
}

/** prod's schedule, group and revision are as prod's apply left them. */
async function prodUntouched(pinned: string) {
  expect(await groupNames()).toContain('data-prod');
  expect(await scheduleNames('data-prod')).toEqual(['prod-a']);
  expect(await pinnedRevision('prod-a', 'data-prod')).toBe(pinned);
  expect(await activeRevisions('prod-a')).toEqual([pinned]);
}

async function devApplyLeavesProd(berth: ReturnType<typeof berthIn>, pinned: string) {
  const plan = await planJson((...a) => berth('--env', 'dev', ...a));
  for (const j of plan.jobs)
    expect(j.actions.filter((a) => a.kind !== 'noop').map((a) => `${a.kind} ${a.name}`)).toEqual([]);
  expect((await berth('--env', 'dev', 'apply', '--auto-approve')).code).toBe(0);
  await prodUntouched(pinned);
  expect(await scheduleNames('data-dev')).toEqual(['dev-a', 'dev-b']);
}

describe('environments sharing an account', () => {
  it.each([
    ["prod's scheduleGroup renamed", prodLine('data-prod2', 'prod-')],
    ["prod's namePrefix renamed", prodLine('data-prod', 'prd-')],
  ])("%s: dev leaves prod's schedules, revisions and group alone", async (_what, prod) => {
    const berth = await bothApplied();
    const pinned = await pinnedRevision('prod-a', 'data-prod');
    await t.repo!.write('berth.yaml', config(t.network, prod));
    await devApplyLeavesProd(berth, pinned);
  });

  it('prod removed from spec.environments: its copies are not left running unseen (git no longer has prod)', async () => {
    const berth = await bothApplied();
    await t.repo!.write('berth.yaml', config(t.network, undefined));
    // data-prod names an environment berth.yaml no longer declares: an old name here, so what git
    // removed converges (before: it was skipped, and prod-a kept running with nothing saying so).
    const plan = await planJson((...a) => berth('--env', 'dev', ...a));
    const names = plan.jobs.flatMap((j) => j.actions.filter((a) => a.kind === 'delete').map((a) => a.name));
    expect(names.join(' ')).toMatch(/prod-a/);
    expect((await berth('--env', 'dev', 'apply', '--auto-approve')).code).toBe(0);
    expect(await groupNames()).not.toContain('data-prod');
    expect(await activeRevisions('prod-a')).toEqual([]);
    expect(await scheduleNames('data-dev')).toEqual(['dev-a', 'dev-b']);
    expect((await berth('--env', 'dev', 'plan', '--detailed-exitcode')).code).toBe(0);
  });

  it("dev's own group renamed: dev's jobs move, prod's stay", async () => {
    const berth = await bothApplied();
    const pinned = await pinnedRevision('prod-a', 'data-prod');
    await t.repo!.write('berth.yaml', config(t.network, prodLine('data-prod', 'prod-'), 'data-dev2'));
    expect((await berth('--env', 'dev', 'apply', '--auto-approve')).code).toBe(0);
    expect(await scheduleNames('data-dev2')).toEqual(['dev-a', 'dev-b']);
    expect(await groupNames()).not.toContain('data-dev');
    await prodUntouched(pinned);
  });

  it('a group made before the tag gets it as housekeeping, not as a change of berth.yaml or drift', async () => {
    const berth = await bothApplied();
    const { scheduler } = rawClients();
    const arn = `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/data-dev`;
    await scheduler.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['berth:environment'] }));
    const plan = await planJson((...a) => berth('--env', 'dev', ...a));
    expect(plan.group.kind).toBe('update');
    expect(plan.group.reason).toBe('records the environment');
    expect(plan.group.changes.map((c) => c.path)).toEqual([
      '/Tags/berth:environment',
      '/Tags/berth:tags-hash',
    ]);
    expect((await berth('--env', 'dev', 'apply', '--auto-approve')).code).toBe(0);
    expect((await groupTags('data-dev'))['berth:environment']).toBe('dev');
    expect((await planJson((...a) => berth('--env', 'dev', ...a))).group.kind).toBe('noop');
  });
});
