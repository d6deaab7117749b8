// The apply command as users run it: saved plans (and their staleness), dry runs, JSON
// output, refusal without a terminal, and deleting INACTIVE revisions when configured.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
  updateScheduleOutOfBand,
} from '../../support/aws.js';
import { runBerth } from '../../support/berth-cli.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { pendingActions, planRepo } from '../../support/pipeline.js';
import { configYaml, jobYaml, TestRepo, type RepoNetwork } from '../../support/repo.js';

let network: RepoNetwork;
let repo: TestRepo | undefined;
const env = () => emulatorEnv();
const berth = (...args: string[]) => runBerth(['-C', repo!.dir, ...args, '--no-cache'], env());

beforeEach(async () => {
  await resetEmulator();
  await createCluster('etl');
  network = {
    subnets: (await defaultSubnets()).slice(0, 1),
    securityGroups: [await createSecurityGroup('etl')],
  };
});

afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

describe('berth apply (CLI)', () => {
  it('applies a saved plan, and refuses it once live state has moved', async () => {
    repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a') });
    const saved = await berth('plan', '-o', 'json');
    expect(saved.code, saved.stderr).toBe(0);
    const planFile = path.join(repo.dir, 'plan.json');
    await writeFile(planFile, saved.stdout);
    const applied = await berth('apply', planFile);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: 1 applied/);

    // A new plan is saved, then someone edits the schedule: the saved plan is stale.
    await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37' }));
    await writeFile(planFile, (await berth('plan', '-o', 'json')).stdout);
    const live = await rawClients().scheduler.send(
      new GetScheduleCommand({ Name: 't-a', GroupName: 'berth-test' }),
    );
    await updateScheduleOutOfBand({
      ...live,
      Name: 't-a',
      GroupName: 'berth-test',
      FlexibleTimeWindow: live.FlexibleTimeWindow ?? { Mode: 'OFF' },
      ScheduleExpression: 'rate(2 hours)',
      Target: live.Target!,
    });
    const stale = await berth('apply', planFile);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/plan\.json is stale: live state changed/);
    // Nothing was applied: the image change is still pending.
    const after = await planRepo(repo.dir, emulatorPorts());
    expect(pendingActions(after.plan)).toContain('update taskDefinition t-a');
  });

  it('refuses a saved plan when the manifests now give other actions', async () => {
    repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a') });
    const planFile = path.join(repo.dir, 'plan.json');
    await writeFile(planFile, (await berth('plan', '-o', 'json')).stdout);
    await repo.write('jobs/b.yaml', jobYaml('b'));
    const r = await berth('apply', planFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stale: the manifests now give a different plan/);
  });

  it('changes nothing with --dry-run, and refuses without --auto-approve off a terminal', async () => {
    repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a') });
    const dry = await berth('apply', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Plan: 3 to create/);
    const refused = await berth('apply');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refusing to apply without confirmation/);
    const plan = await planRepo(repo.dir, emulatorPorts());
    expect(pendingActions(plan.plan)).toHaveLength(3);
  });

  it('prints a machine-readable result with -o json and exits 2 on changes with --detailed-exitcode', async () => {
    repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a') });
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(2);
    const r = await berth('apply', '--auto-approve', '-o', 'json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      kind: string;
      ok: boolean;
      jobs: { job: string; outcome: string }[];
    };
    expect(doc).toMatchObject({ kind: 'berth.apply', ok: true, jobs: [{ job: 'a', outcome: 'applied' }] });
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('makes a refused prune loud in every plan format and exits 2 from plan and apply', async () => {
    repo = await TestRepo.create(configYaml({ network }), {
      'a.yaml': jobYaml('a'),
      'b.yaml': jobYaml('b'),
      'c.yaml': jobYaml('c'),
    });
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    // Two of three jobs leave git: more than prune.maxDeleteFraction (0.5), so nothing is deleted.
    await repo.remove('jobs/a.yaml');
    await repo.remove('jobs/b.yaml');

    const text = await berth('plan', '--detailed-exitcode');
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).not.toContain('AWS matches git');
    expect(text.stdout).toContain(
      'No changes can be made, but AWS differs from git: 2 jobs not in git left in place (prune refused, see warnings).',
    );
    expect((await berth('plan')).code).toBe(0);
    const json = await berth('plan', '-o', 'json', '--detailed-exitcode');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      hasChanges: false,
      inSync: false,
      refusedPrune: { guard: 'fraction', jobs: ['a', 'b'] },
      warnings: [expect.stringMatching(/^prune refused: 2 jobs of 3 owned/)],
    });
    const md = await berth('plan', '-o', 'markdown', '--detailed-exitcode');
    expect(md.code).toBe(2);
    expect(md.stdout.split('\n')[1]).toMatch(/· prune refused \(2 left in place\)$/);

    const apply = await berth('apply', '--auto-approve');
    expect(apply.code, apply.stderr).toBe(2);
    expect(apply.stderr).toContain('berth: AWS still differs from git: 2 jobs not in git left in place');
    const applyJson = await berth('apply', '--auto-approve', '-o', 'json');
    expect(applyJson.code).toBe(2);
    expect(JSON.parse(applyJson.stdout)).toMatchObject({ inSync: false, refusedPrune: { jobs: ['a', 'b'] } });
    // Nothing was deleted.
    const plan = await planRepo(repo.dir, emulatorPorts());
    expect(plan.plan.jobs.map((j) => `${j.job}:${j.status}`)).toEqual(['a:Orphan', 'b:Orphan', 'c:InSync']);

    // A change next to the refusal is applied, and apply still says AWS differs (exit 2).
    await repo.write('jobs/c.yaml', jobYaml('c', { image: '1.37' }));
    const both = await berth('apply', '--auto-approve', '-o', 'json');
    expect(both.code, both.stderr).toBe(2);
    const doc = JSON.parse(both.stdout) as { ok: boolean; jobs: { job: string; outcome: string }[] };
    expect(doc).toMatchObject({ ok: true, refusedPrune: { guard: 'fraction', jobs: ['a', 'b'] } });
    expect(doc.jobs.map((j) => `${j.job}:${j.outcome}`)).toEqual(['a:unchanged', 'b:unchanged', 'c:applied']);
  });

  it('deletes deregistered revisions when prune.deleteInactive is set', async () => {
    const extra = '  prune:\n    deleteInactive: true\n';
    repo = await TestRepo.create(configYaml({ network, keepRevisions: 1, extraSpec: extra }), {
      'a.yaml': jobYaml('a'),
    });
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37' }));
    const r = await berth('apply', '--auto-approve');
    expect(r.code, r.stderr).toBe(0);
    const inactive = await rawClients().ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 't-a', status: 'INACTIVE' }),
    );
    expect(inactive.taskDefinitionArns ?? []).toEqual([]);
    const active = await rawClients().ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 't-a', status: 'ACTIVE' }),
    );
    expect(active.taskDefinitionArns?.map((a) => a.split(':').pop())).toEqual(['2']);
  });
});
