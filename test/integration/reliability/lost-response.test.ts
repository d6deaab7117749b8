// The nasty case for idempotency, one write at a time: the emulator does the work, the response
// is lost, the SDK retries. RegisterTaskDefinition has no idempotency token, so the retry
// registers the content again; apply must retire the copy, or it would stay ACTIVE beside the
// real one and, at the next change, keepRevisions would keep it and drop the previous revision.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsPorts } from '../../../src/model/ports.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
  registerOwnedTaskDefinition,
} from '../../support/aws.js';
import { DescribeTaskDefinitionCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { DeleteScheduleCommand } from '@aws-sdk/client-scheduler';
import { startCountingProxy } from '../../support/counting-proxy.js';
import { emulatorEndpoint, resetEmulator } from '../../support/emulator.js';
import { startFaultInjector, type FaultInjector, type FaultKind } from '../../support/fault-injector.js';
import { applyRepo, pendingActions, planRepo } from '../../support/pipeline.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import { inventory, problems } from './emulator-inventory.js';

let inj: FaultInjector | undefined;
let repo: TestRepo;

beforeEach(async () => {
  await resetEmulator();
  await createCluster('etl');
  const network = {
    subnets: (await defaultSubnets()).slice(0, 1),
    securityGroups: [await createSecurityGroup('etl')],
  };
  repo = await TestRepo.create(configYaml({ network, keepRevisions: 2 }), {
    'a.yaml': jobYaml('a'),
    'b.yaml': jobYaml('b'),
  });
});
afterEach(async () => {
  await inj?.close();
  inj = undefined;
  await repo.dispose();
});

/** Ports whose next RegisterTaskDefinition reaches the emulator and then meets `kind`; no other fault. */
async function losingNextRegister(kind: FaultKind): Promise<AwsPorts> {
  await inj?.close();
  inj = await startFaultInjector(emulatorEndpoint(), {
    seed: 1,
    rates: { [kind]: 1 },
    afterShare: 1,
    holdMs: 5_000,
    applies: (op) => op === 'ecs:RegisterTaskDefinition',
  });
  const once = inj;
  once.observe((_op, _body, _url, fault) => {
    if (fault) once.setRates({});
  });
  return emulatorPorts({ endpoint: inj.url, maxAttempts: 3, requestTimeoutMs: 1_000 });
}

const allInactive = (m: Map<string, number[]>) => [...m.values()].flat();

describe('a lost RegisterTaskDefinition response', () => {
  it('a copy an earlier apply could not retire is retired when a later run pins the schedule', async () => {
    expect((await applyRepo(repo.dir, emulatorPorts())).ok).toBe(true);
    // The state a failed search for the copy leaves: a second revision of the same content
    // (berth's tags included) and no schedule yet.
    const { ecs, scheduler } = rawClients();
    const one = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 't-a:1', include: ['TAGS'] }),
    );
    const td = one.taskDefinition!;
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: td.family,
        containerDefinitions: td.containerDefinitions,
        requiresCompatibilities: td.requiresCompatibilities,
        networkMode: td.networkMode,
        cpu: td.cpu,
        memory: td.memory,
        executionRoleArn: td.executionRoleArn,
        tags: one.tags,
      }),
    );
    await scheduler.send(new DeleteScheduleCommand({ Name: 't-a', GroupName: 'berth-test' }));

    const applied = await applyRepo(repo.dir, emulatorPorts());
    expect(applied.ok).toBe(true);
    const inv = await inventory('t-', 'berth-test');
    expect(problems(inv, 't-', ['a', 'b'], () => 1)).toEqual([]);
    expect(inv.inactive.get('t-a')).toEqual([1]);
    expect(pendingActions((await planRepo(repo.dir, emulatorPorts())).plan)).toEqual([]);
  });

  for (const kind of ['reset', 'internal', 'timeout'] as const) {
    it(`(${kind} after the write) on create leaves exactly one ACTIVE revision per job`, async () => {
      const ports = await losingNextRegister(kind);
      const applied = await applyRepo(repo.dir, ports);
      expect(applied.ok).toBe(true);
      expect(inj?.counts()).toEqual({ [`${kind}:after`]: 1 });
      // The copy was registered, then retired by the apply that registered it.
      const inv = await inventory('t-', 'berth-test');
      expect(problems(inv, 't-', ['a', 'b'], () => 1)).toEqual([]);
      expect(allInactive(inv.inactive)).toEqual([1]);
      expect(applied.jobs.flatMap((j) => j.steps.filter((s) => s.step === 'deregister'))).toHaveLength(1);
      expect(pendingActions((await planRepo(repo.dir, ports)).plan)).toEqual([]);
    });
  }

  it('on a change keeps the previous revision for rollback', async () => {
    expect((await applyRepo(repo.dir, emulatorPorts())).ok).toBe(true);
    await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37' }));

    const ports = await losingNextRegister('reset');
    expect((await applyRepo(repo.dir, ports)).ok).toBe(true);
    expect(inj?.counts()).toEqual({ 'reset:after': 1 });
    const inv = await inventory('t-', 'berth-test');
    // a:1 the previous content (kept), a:2 the lost copy (retired), a:3 the current one (pinned).
    expect(inv.active.get('t-a')).toEqual([1, 3]);
    expect(inv.inactive.get('t-a')).toEqual([2]);
    expect(problems(inv, 't-', ['a', 'b'], (j) => (j === 'a' ? 2 : 1))).toEqual([]);
    expect(pendingActions((await planRepo(repo.dir, ports)).plan)).toEqual([]);
  });

  it('leaves alone a revision of other content registered meanwhile', async () => {
    expect((await applyRepo(repo.dir, emulatorPorts())).ok).toBe(true);
    await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37' }));
    // Someone registers other content in the family (with berth's owner tags, without its
    // content hash) between berth's plan and its register: berth's revision number jumps.
    const proxy = await startCountingProxy(emulatorEndpoint());
    let raced = false;
    proxy.setHook(async (_n, op): Promise<'pass'> => {
      if (op === 'ecs:RegisterTaskDefinition' && !raced) {
        raced = true;
        await registerOwnedTaskDefinition({ family: 't-a', owner: 'test-owner', job: 'a' });
      }
      return 'pass';
    });
    try {
      expect((await applyRepo(repo.dir, emulatorPorts({ endpoint: proxy.url }))).ok).toBe(true);
      // The jump was looked into (one listing, one describe) and a:2 kept: not berth's content.
      expect(proxy.counts()).toMatchObject({ 'ecs:DescribeTaskDefinition': 3 });
    } finally {
      await proxy.close();
    }
    const inv = await inventory('t-', 'berth-test');
    expect(inv.active.get('t-a')).toEqual([1, 2, 3]);
    expect(inv.schedules.get('t-a')).toMatch(/task-definition\/t-a:3$/);
  });
});
