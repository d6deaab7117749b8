// Crash at every step: apply runs as a child process behind a counting proxy, which kills
// it with SIGKILL at the k-th AWS call (the call still reaches the emulator; its response
// is lost). The next apply must finish the work with no duplicate and no orphan.
import { ListTaskDefinitionsCommand, type TaskDefinitionStatus } from '@aws-sdk/client-ecs';
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
} from '../../support/aws.js';
import { runBerth, startBerth } from '../../support/berth-cli.js';
import { emulatorEndpoint, emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { applyRepo, pendingActions, planRepo } from '../../support/pipeline.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

let proxy: CountingProxy;

beforeAll(async () => {
  proxy = await startCountingProxy(emulatorEndpoint());
});
afterAll(async () => {
  await proxy.close();
});

async function revisions(family: string, status: TaskDefinitionStatus): Promise<string[]> {
  const out = await rawClients().ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status }));
  return out.taskDefinitionArns ?? [];
}

/** Fresh account with v1 applied and v2 (a changed, b removed, c added) written, ready to apply. */
async function prepare(): Promise<TestRepo> {
  await resetEmulator();
  await createCluster('etl');
  const network = {
    subnets: (await defaultSubnets()).slice(0, 1),
    securityGroups: [await createSecurityGroup('etl')],
  };
  const repo = await TestRepo.create(configYaml({ network, keepRevisions: 1 }), {
    'a.yaml': jobYaml('a'),
    'b.yaml': jobYaml('b'),
  });
  const v1 = await applyRepo(repo.dir, emulatorPorts());
  if (!v1.ok) throw new Error('v1 apply failed');
  await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37', expression: 'rate(6 hours)' }));
  await repo.remove('jobs/b.yaml');
  await repo.write('jobs/c.yaml', jobYaml('c'));
  return repo;
}

function childEnv(): Record<string, string> {
  return { ...emulatorEnv(proxy.url), BERTH_MAX_ATTEMPTS: '2' };
}

describe('apply survives kill -9 at every AWS call', () => {
  it('converges with no duplicates and no orphans', async () => {
    // A clean run tells how many calls the v2 apply makes.
    let repo = await prepare();
    proxy.reset();
    const clean = await runBerth(['-C', repo.dir, 'apply', '--auto-approve', '--no-cache'], childEnv());
    expect(clean.code, clean.stderr).toBe(0);
    const calls = proxy.total();
    await repo.dispose();
    expect(calls).toBeGreaterThan(8);

    const crashes: number[] = [];
    for (let k = 1; k <= calls; k++) {
      repo = await prepare();
      proxy.reset();
      const running = startBerth(['-C', repo.dir, 'apply', '--auto-approve', '--no-cache'], childEnv());
      proxy.setHook((n) => {
        if (n === k) running.child.kill('SIGKILL');
        return 'pass';
      });
      const crashed = await running.done;
      proxy.setHook(undefined);
      if (crashed.signal === 'SIGKILL') crashes.push(k);

      const resumed = await runBerth(['-C', repo.dir, 'apply', '--auto-approve', '--no-cache'], childEnv());
      expect(resumed.code, `k=${k}: ${resumed.stderr}`).toBe(0);

      const after = await planRepo(repo.dir, emulatorPorts());
      expect(pendingActions(after.plan), `k=${k}`).toEqual([]);
      // No duplicate registrations: exactly v1 + v2 of a, one c, and keepRevisions=1 honoured.
      expect((await revisions('t-a', 'ACTIVE')).length, `k=${k}`).toBe(1);
      expect((await revisions('t-a', 'INACTIVE')).length, `k=${k}`).toBe(1);
      expect((await revisions('t-c', 'ACTIVE')).length, `k=${k}`).toBe(1);
      expect(await revisions('t-c', 'INACTIVE'), `k=${k}`).toEqual([]);
      // The removed job leaves nothing behind.
      expect(await revisions('t-b', 'ACTIVE'), `k=${k}`).toEqual([]);
      const schedules = await rawClients().scheduler.send(
        new ListSchedulesCommand({ GroupName: 'berth-test' }),
      );
      expect((schedules.Schedules ?? []).map((s) => s.Name).sort(), `k=${k}`).toEqual(['t-a', 't-c']);
      await repo.dispose();
    }
    // Every kill point was actually exercised.
    expect(crashes).toEqual(Array.from({ length: calls }, (_, i) => i + 1));
  }, 600_000);
});
