// Issue 13 item 9: a one-time at() job merged after its time. Its schedule would never fire
// (AWS deletes it after the time), so only the schedule is skipped, with a warning in validate
// and plan; the task definition is registered, and `berth run` works on it.
import { describe, expect, it } from 'vitest';
import { runBerth } from '../../support/berth-cli.js';
import { emulatorEnv } from '../../support/emulator.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import {
  activeRevisions,
  berthIn,
  changing,
  jobOf,
  planJson,
  scheduleNames,
  useFreshAccount,
} from './support.js';

const t = useFreshAccount();

// RunTask on the emulator wants memory on every container.
const oneTime = (at: string) => `apiVersion: berth/v1
kind: Job
metadata:
  name: once
spec:
  containers:
    - name: once
      image: public.ecr.aws/docker/library/busybox:1.36
      command: [echo, once]
      memoryReservation: 128
  schedule:
    expression: at(${at})
    timezone: Asia/Tokyo
    actionAfterCompletion: DELETE
`;

describe('a one-time job merged after its time', () => {
  it('gets its task definition, not its schedule, with a warning; run works', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network }), {
      'once.yaml': oneTime('2020-01-01T00:00:00'),
      'a.yaml': jobYaml('a'),
    });
    const berth = berthIn(t.repo);
    const validate = await runBerth(['-C', t.repo.dir, 'validate'], emulatorEnv());
    expect(validate.code, validate.stdout).toBe(0);
    expect(validate.stdout).toMatch(/at\(2020-01-01T00:00:00\) is in the past .*berth does not create it/);

    const plan = await planJson(berth);
    expect(changing(plan, 'once')).toEqual(['create taskDefinition t-once']);
    expect(jobOf(plan, 'once').message).toMatch(/in the past: its schedule is not created/);
    expect(plan.warnings.join('\n')).toMatch(/once: at\(2020-01-01T00:00:00\) is in the past/);

    const applied = await berth('apply', '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
    expect(await activeRevisions('t-once')).toEqual(['t-once:1']);
    expect(await scheduleNames()).toEqual(['t-a']);
    const after = await planJson(berth);
    expect(jobOf(after, 'once').status).toBe('Completed');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);

    const run = await runBerth(['-C', t.repo.dir, 'run', 'once', '-o', 'json'], emulatorEnv());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/t-once:1/);
  });
});
