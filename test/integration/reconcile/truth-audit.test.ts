// Outside-in truth audit (issue: truth): places where berth said "no drift" or "AWS matches
// git", or exited 0, while AWS differed from git. Each case drives the built CLI against the
// emulator and edits AWS by hand with raw SDK clients.
import {
  DeleteTaskDefinitionsCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawClients } from '../../support/aws.js';
import { runBerth } from '../../support/berth-cli.js';
import { startCountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, emulatorEnv } from '../../support/emulator.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import {
  activeRevisions,
  berthIn,
  deregisterByHand,
  editScheduleByHand,
  environmentsConfig,
  jobOf,
  pinnedRevision,
  planJson,
  scheduleNames,
  useFreshAccount,
} from './support.js';

const t = useFreshAccount();

/** `describe-task-definition` (tags optional), image edited, registered again by hand. */
async function registerCopyByHand(ref: string, opts: { withTags: boolean }) {
  const { ecs } = rawClients();
  const d = await ecs.send(
    new DescribeTaskDefinitionCommand({
      taskDefinition: ref,
      ...(opts.withTags ? { include: ['TAGS'] } : {}),
    }),
  );
  const td = d.taskDefinition!;
  return ecs.send(
    new RegisterTaskDefinitionCommand({
      family: td.family,
      containerDefinitions: td.containerDefinitions!.map((c) => ({ ...c, image: 'evil:1' })),
      networkMode: td.networkMode,
      requiresCompatibilities: td.requiresCompatibilities,
      cpu: td.cpu,
      memory: td.memory,
      executionRoleArn: td.executionRoleArn,
      ...(opts.withTags ? { tags: d.tags } : {}),
    }),
  );
}

async function applied(jobs: string[]): Promise<ReturnType<typeof berthIn>> {
  t.repo = await TestRepo.create(
    configYaml({ network: t.network }),
    Object.fromEntries(jobs.map((j) => [`${j}.yaml`, jobYaml(j)])),
  );
  const berth = berthIn(t.repo);
  expect((await berth('apply', '--auto-approve')).code).toBe(0);
  return berth;
}

describe('a family deleted by hand under its schedule', () => {
  it('is drift: berth drift exits 2 naming the job, and apply restores it', async () => {
    const berth = await applied(['a', 'b']);
    // Every revision deregistered and deleted (DeleteTaskDefinitions): the record went with it.
    await deregisterByHand('t-a:1');
    await rawClients().ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: ['t-a:1'] }));
    expect(await activeRevisions('t-a')).toEqual([]);

    const drift = await berth('drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/^a: reported/m);
    expect(drift.stdout).toMatch(/taskDefinition t-a: missing in AWS \(git has it\)/);
    expect(drift.stdout).not.toMatch(/AWS null/);
    expect(drift.stdout).not.toMatch(/AWS matches git/);
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(2);
    // Still restored by auto-sync (the controller applies it without self-heal): a git change too.
    expect(jobOf(await planJson(berth), 'a').status).toBe('Missing');

    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await activeRevisions('t-a')).toHaveLength(1);
    expect(await pinnedRevision('t-a')).toBe((await activeRevisions('t-a'))[0]);
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
    expect((await berth('drift')).code).toBe(0);
  });
});

describe('one job failing mid-apply', () => {
  it('the others land; the failed one is named with the reason; plan and drift still say AWS differs', async () => {
    const berth = await applied(['a', 'b', 'c']);
    const proxy = await startCountingProxy(emulatorEndpoint());
    try {
      // AWS refuses b's new revision (a terminal error): a and c must still land.
      proxy.setHook((_n, op, req) =>
        op === 'ecs:RegisterTaskDefinition' && req.body.includes('"t-b"')
          ? {
              status: 400,
              body: JSON.stringify({ __type: 'ClientException', message: 'Too many revisions' }),
              headers: { 'content-type': 'application/x-amz-json-1.1' },
            }
          : 'pass',
      );
      for (const j of ['a', 'b', 'c']) await t.repo!.write(`jobs/${j}.yaml`, jobYaml(j, { image: '1.37' }));
      const failing = await runBerth(
        ['-C', t.repo!.dir, 'apply', '--auto-approve', '--no-cache'],
        emulatorEnv(proxy.url),
      );
      expect(failing.code).toBe(1);
      expect(failing.stdout).toMatch(/✗ b: ecs:RegisterTaskDefinition: Too many revisions/);
      expect(failing.stdout).toMatch(/2 applied, .* 1 failed/);
    } finally {
      await proxy.close();
    }
    expect(await pinnedRevision('t-a')).toBe('t-a:2');
    expect(await pinnedRevision('t-c')).toBe('t-c:2');
    expect(await pinnedRevision('t-b')).toBe('t-b:1');

    const plan = await berth('plan', '--detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/^b: OutOfSync/m);
    // Not drift, but berth drift must not claim AWS matches git while b waits.
    const drift = await berth('drift');
    expect(drift.code).toBe(0);
    expect(drift.stdout).not.toMatch(/AWS matches git/);
    expect(drift.stdout).toMatch(
      /AWS still differs from git for 1 job by changes in git not yet applied \(b\)/,
    );
    const json = JSON.parse((await berth('drift', '-o', 'json')).stdout) as {
      drifted: number;
      pending: string[];
    };
    expect(json).toMatchObject({ drifted: 0, pending: ['b'] });

    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    const synced = await berth('drift');
    expect(synced.stdout).toMatch(/No drift: AWS matches git\./);
  });
});

describe("a revision registered by hand with berth's tags copied onto other content", () => {
  it("apply repins the schedule to berth's revision and keeps that revision ACTIVE", async () => {
    const berth = await applied(['a']);
    // `describe-task-definition --include TAGS`, image edited, registered with the same tags
    // (berth:content-hash and the record included), and the schedule pointed at it.
    const copy = await registerCopyByHand('t-a:1', { withTags: true });
    await editScheduleByHand(
      't-a',
      (s) => (s.Target!.EcsParameters!.TaskDefinitionArn = copy.taskDefinition!.taskDefinitionArn),
    );
    expect((await berth('drift')).code).toBe(2);

    const apply = await berth('apply', '--auto-approve');
    expect(apply.code).toBe(0);
    // It used to take t-a:1 for a lost copy of t-a:2 (same content-hash tag), deregister it and
    // then pin the schedule to it: a schedule that fails at run time, and apply said complete.
    expect(apply.stderr).not.toMatch(/deregister t-a:1/);
    expect(await pinnedRevision('t-a')).toBe('t-a:1');
    expect(await activeRevisions('t-a')).toContain('t-a:1');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('a revision registered by hand while the cache is warm (light reads)', () => {
  it('berth drift reads fully and reports it; a light plan says what it could not see', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network }), { 'a.yaml': jobYaml('a') });
    const cacheDir = path.join(t.repo.dir, '.berth-cache');
    const berth = (...args: string[]) =>
      runBerth(['-C', t.repo!.dir, ...args, '--cache-dir', cacheDir], emulatorEnv());
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0); // the cache is warm now

    // Registered by hand, without berth's tags, pinned by nothing.
    await registerCopyByHand('t-a:1', { withTags: false });

    // A light plan cannot see it, and does not claim more than it saw.
    const light = await berth('plan');
    expect(light.code).toBe(0);
    expect(light.stdout).toMatch(/read: light/);
    expect(light.stdout).toMatch(/No changes: AWS matches git as far as a light read sees/);

    // berth drift always reads fully: the revision is out-of-band drift, exit 2.
    const drift = await berth('drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/t-a:2/);
    expect(drift.stdout).not.toMatch(/AWS matches git/);
    expect((await berth('plan', '--full-read', '--detailed-exitcode')).code).toBe(2);
  });
});

describe('two environments in one account and region', () => {
  it("applying one never moves the other's jobs (same owner, other group and prefix)", async () => {
    const n = t.network;
    t.repo = await TestRepo.create(
      environmentsConfig(
        n,
        '    dev: { namePrefix: dev-, scheduleGroup: data-dev }\n    prod: { namePrefix: prod-, scheduleGroup: data-prod }\n',
      ),
      { 'a.yaml': jobYaml('a') },
    );
    const berth = berthIn(t.repo);
    expect((await berth('--env', 'dev', 'apply', '--auto-approve')).code).toBe(0);
    const prod = await berth('--env', 'prod', 'apply', '--auto-approve');
    expect(prod.code).toBe(0);
    // It used to take data-dev for prod's renamed group: dev-a deleted, dev-a:1 deregistered.
    expect(prod.stdout).not.toMatch(/data-dev/);
    expect(await scheduleNames('data-dev')).toEqual(['dev-a']);
    expect(await scheduleNames('data-prod')).toEqual(['prod-a']);
    expect(await activeRevisions('dev-a')).toEqual(['dev-a:1']);
    expect((await berth('--env', 'dev', 'plan', '--detailed-exitcode')).code).toBe(0);
    expect((await berth('--env', 'prod', 'plan', '--detailed-exitcode')).code).toBe(0);
  });
});
