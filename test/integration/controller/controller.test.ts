// The controller end to end: a real git remote (bare repository, file:// URL), the AWS
// emulator, alerts to a real HTTP receiver. Cycles are driven through the controller's API.
import { ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { GetScheduleCommand, ListSchedulesCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsPorts } from '../../../src/model/ports.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
} from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';
import {
  AlertReceiver,
  configYaml,
  GitRemote,
  GROUP,
  jobYaml,
  makeController,
  type Harness,
  type Network,
} from './support.js';

let ports: AwsPorts;
let network: Network;
let remote: GitRemote;
let receiver: AlertReceiver;
let h: Harness | undefined;

async function schedules(): Promise<string[]> {
  const out = await rawClients().scheduler.send(new ListSchedulesCommand({ GroupName: GROUP }));
  return (out.Schedules ?? []).map((s) => s.Name ?? '').sort();
}

async function activeRevisions(family: string): Promise<string[]> {
  const out = await rawClients().ecs.send(
    new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE' }),
  );
  return (out.taskDefinitionArns ?? []).filter((a) => a.includes(`/${family}:`));
}

async function getSchedule(name: string) {
  return rawClients().scheduler.send(new GetScheduleCommand({ GroupName: GROUP, Name: name }));
}

/** An edit in the console: same schedule, another expression. */
async function editExpressionOutOfBand(name: string, expression: string): Promise<void> {
  const s = await getSchedule(name);
  await rawClients().scheduler.send(
    new UpdateScheduleCommand({
      Name: name,
      GroupName: GROUP,
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
      FlexibleTimeWindow: s.FlexibleTimeWindow,
      Target: s.Target,
      State: s.State,
    }),
  );
}

beforeEach(async () => {
  await resetEmulator();
  ports = emulatorPorts();
  await createCluster('etl');
  network = {
    subnets: (await defaultSubnets()).slice(0, 2),
    securityGroups: [await createSecurityGroup('etl')],
  };
  remote = await GitRemote.create();
  receiver = await AlertReceiver.start();
});

afterEach(async () => {
  if (h) {
    await h.controller.stop();
    await h.dispatcher.close(1_000);
    await rm(h.workdir, { recursive: true, force: true });
  }
  h = undefined;
  await receiver.close();
  await remote.dispose();
});

describe('berth controller', () => {
  it('creates a committed job, updates it on edit, prunes it on delete', async () => {
    await remote.commit({
      'berth.yaml': configYaml(network),
      'jobs/a.yaml': jobYaml('a'),
      'jobs/b.yaml': jobYaml('b'),
    });
    h = await makeController({ remote, ports, receiver });
    const c = h.controller;

    const first = await c.trigger('poll');
    expect(first.outcome).toBe('synced');
    expect(first.applied).toBe(2);
    expect(await schedules()).toEqual(['ctl-a', 'ctl-b']);
    expect(c.ready).toBe(true);

    // Nothing new at the remote: a poll only asks ls-remote.
    const idle = await c.trigger('poll');
    expect(idle.outcome).toBe('skipped');

    const edit = await remote.commit({ 'jobs/a.yaml': jobYaml('a', { image: '1.37' }) });
    const second = await c.trigger('poll');
    expect(second).toMatchObject({ outcome: 'synced', revision: edit, reconciledRevision: edit, applied: 1 });
    expect(c.status()).toMatchObject({ reconciledRevision: edit, syncedRevision: edit });
    const a = await getSchedule('ctl-a');
    expect(a.Target?.EcsParameters?.TaskDefinitionArn).toMatch(/task-definition\/ctl-a:2$/);

    await remote.commit({ 'jobs/b.yaml': null });
    const third = await c.trigger('poll');
    expect(third.outcome).toBe('synced');
    expect(await schedules()).toEqual(['ctl-a']);
    expect(await activeRevisions('ctl-b')).toEqual([]);
    expect(c.status().jobs.map((j) => j.job)).toEqual(['a', 'b']);
    expect(c.status().jobs.find((j) => j.job === 'b')).toMatchObject({
      status: 'Pruned',
      planned: 'Orphan',
      decision: 'apply',
      result: 'applied',
    });

    // Git changes are not drift.
    await h.dispatcher.flush();
    expect(receiver.kinds()).toEqual([]);
  });

  it('does not apply an invalid commit, alerts once, and keeps reconciling the last good revision', async () => {
    const good = await remote.commit({
      'berth.yaml': configYaml(network),
      'jobs/a.yaml': jobYaml('a', { selfHeal: true }),
    });
    h = await makeController({ remote, ports, receiver });
    const c = h.controller;
    expect((await c.trigger('poll')).outcome).toBe('synced');

    const bad = await remote.commit({
      'jobs/a.yaml': jobYaml('a', { image: '1.37', selfHeal: true }).replace(
        'cron(0 3 * * ? *)',
        'cron(0 3 * * *)',
      ),
    });
    const r = await c.trigger('poll');
    expect(r).toMatchObject({ outcome: 'synced', revision: bad, reconciledRevision: good, applied: 0 });
    expect(await activeRevisions('ctl-a')).toHaveLength(1);
    const status = c.status();
    expect(status.invalid?.revision).toBe(bad);
    expect(status.invalid?.diagnostics[0]).toMatchObject({ file: 'jobs/a.yaml', line: expect.any(Number) });

    // The last good revision is still what the controller holds AWS to (self-heal puts it back).
    await rawClients().scheduler.send(
      new (await import('@aws-sdk/client-scheduler')).DeleteScheduleCommand({
        GroupName: GROUP,
        Name: 'ctl-a',
      }),
    );
    const resync = await c.trigger('resync');
    expect(resync.outcome).toBe('synced');
    expect(await schedules()).toEqual(['ctl-a']);
    expect((await getSchedule('ctl-a')).Target?.EcsParameters?.TaskDefinitionArn).toMatch(/ctl-a:1$/);
    await c.trigger('resync');

    await h.dispatcher.flush();
    const invalid = receiver.alerts.filter((x) => x.kind === 'invalid-commit');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({ revision: bad, severity: 'error' });
    expect(invalid[0]!.lines.join('\n')).toMatch(/^jobs\/a\.yaml:\d+:\d+ /m);
    expect(receiver.signatures[0]).toMatch(/^sha256=[0-9a-f]{64}$/);

    // A fixing commit is applied and clears the invalid state.
    const fixed = await remote.commit({ 'jobs/a.yaml': jobYaml('a', { image: '1.37', selfHeal: true }) });
    expect(await c.trigger('poll')).toMatchObject({
      outcome: 'synced',
      reconciledRevision: fixed,
      applied: 1,
    });
    expect(c.status().invalid).toBeNull();
  });

  it('keeps the last good state through an unreachable remote and follows a force-push', async () => {
    const first = await remote.commit({
      'berth.yaml': configYaml(network),
      'jobs/a.yaml': jobYaml('a'),
      'jobs/b.yaml': jobYaml('b'),
    });
    h = await makeController({ remote, ports, receiver });
    const c = h.controller;
    await c.trigger('poll');
    const second = await remote.commit({ 'jobs/a.yaml': jobYaml('a', { image: '1.37' }) });
    expect((await c.trigger('poll')).reconciledRevision).toBe(second);

    await remote.setReachable(false);
    const down = await c.trigger('resync');
    expect(down.outcome).toBe('failed');
    expect(down.error).toMatch(/file:\/\/.*remote\.git#main/);
    // Nothing was pruned for want of a checkout: the last good revision was still planned.
    expect(down.decisions.map((d) => [d.job, d.status])).toEqual([
      ['a', 'InSync'],
      ['b', 'InSync'],
    ]);
    expect(await schedules()).toEqual(['ctl-a', 'ctl-b']);
    expect(c.status()).toMatchObject({
      reconciledRevision: second,
      sourceError: { message: expect.stringContaining('remote.git') },
    });

    await remote.setReachable(true);
    // History rewritten: the second commit is dropped and another one force-pushed instead.
    await remote.resetTo(first);
    const rewritten = await remote.commit({ 'jobs/a.yaml': jobYaml('a', { image: '1.38' }) }, 'rewrite');
    const back = await c.trigger('retry');
    expect(back).toMatchObject({ outcome: 'synced', revision: rewritten, reconciledRevision: rewritten });
    expect(c.status().sourceError).toBeNull();
    const a = await getSchedule('ctl-a');
    expect(a.Target?.EcsParameters?.TaskDefinitionArn).toMatch(/ctl-a:3$/);
  });

  it('reports drift on resync without healing when self-heal is off, once, then reports it resolved', async () => {
    const rev = await remote.commit({ 'berth.yaml': configYaml(network), 'jobs/a.yaml': jobYaml('a') });
    h = await makeController({ remote, ports, receiver });
    const c = h.controller;
    await c.trigger('poll');

    await editExpressionOutOfBand('ctl-a', 'cron(0 5 * * ? *)');
    const seen: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await c.trigger('resync');
      // AWS differs from git and policy leaves it to a person: not synced.
      expect(r.outcome).toBe('out-of-sync');
      expect(r.applied).toBe(0);
      seen.push(c.driftReport().jobs[0]?.firstSeen ?? null);
    }
    expect((await getSchedule('ctl-a')).ScheduleExpression).toBe('cron(0 5 * * ? *)');
    expect(new Set(seen).size).toBe(1);
    const report = c.driftReport();
    expect(report).toMatchObject({ kind: 'berth.drift', drifted: 1, revision: rev });
    expect(report.jobs[0]).toMatchObject({ job: 'a', action: 'reported', revision: rev });
    expect(report.jobs[0]!.changes).toContainEqual(
      expect.objectContaining({
        resource: 'schedule',
        path: '/ScheduleExpression',
        desired: 'cron(0 3 * * ? *)',
        live: 'cron(0 5 * * ? *)',
      }),
    );
    expect(c.status().jobs[0]).toMatchObject({
      status: 'Drifted',
      kind: 'drift',
      decision: 'report',
      inSync: false,
      divergence: 'reported',
      reason: 'self-heal is off: reported only',
    });
    expect(c.status().drifted).toBe(1);

    await h.dispatcher.flush();
    expect(receiver.kinds()).toEqual(['drift-detected:a']);
    expect(receiver.alerts[0]!.lines.join('\n')).toContain(
      '/ScheduleExpression: git "cron(0 3 * * ? *)", AWS "cron(0 5 * * ? *)"',
    );

    // Someone puts it back by hand: one "resolved", then silence.
    await editExpressionOutOfBand('ctl-a', 'cron(0 3 * * ? *)');
    for (let i = 0; i < 2; i++) expect((await c.trigger('resync')).outcome).toBe('synced');
    await h.dispatcher.flush();
    expect(receiver.kinds()).toEqual(['drift-detected:a', 'drift-resolved:a']);
    expect(c.driftReport().drifted).toBe(0);
  });

  it('heals drift on the next resync when the job asks for self-heal', async () => {
    await remote.commit({
      'berth.yaml': configYaml(network),
      'jobs/a.yaml': jobYaml('a', { selfHeal: true }),
      'jobs/b.yaml': jobYaml('b'),
    });
    h = await makeController({ remote, ports, receiver });
    const c = h.controller;
    await c.trigger('poll');

    await editExpressionOutOfBand('ctl-a', 'cron(0 5 * * ? *)');
    await editExpressionOutOfBand('ctl-b', 'cron(0 6 * * ? *)');
    const r = await c.trigger('resync');
    expect(r.applied).toBe(1);
    expect((await getSchedule('ctl-a')).ScheduleExpression).toBe('cron(0 3 * * ? *)');
    // b has no self-heal and the controller's global self-heal is off: reported only.
    expect((await getSchedule('ctl-b')).ScheduleExpression).toBe('cron(0 6 * * ? *)');
    expect(c.driftReport().jobs.map((j) => [j.job, j.action])).toEqual([
      ['a', 'healed'],
      ['b', 'reported'],
    ]);

    await c.trigger('resync');
    await h.dispatcher.flush();
    expect(receiver.kinds().sort()).toEqual(['drift-detected:a', 'drift-detected:b', 'drift-resolved:a']);
    expect(receiver.alerts.find((a) => a.job === 'a' && a.kind === 'drift-detected')?.title).toMatch(
      /healed/,
    );
  });

  it('heals every job when self-heal is on globally', async () => {
    await remote.commit({ 'berth.yaml': configYaml(network), 'jobs/b.yaml': jobYaml('b') });
    h = await makeController({ remote, ports, receiver, policy: { selfHeal: true } });
    await h.controller.trigger('poll');
    await editExpressionOutOfBand('ctl-b', 'cron(0 6 * * ? *)');
    expect((await h.controller.trigger('resync')).applied).toBe(1);
    expect((await getSchedule('ctl-b')).ScheduleExpression).toBe('cron(0 3 * * ? *)');
  });
});
