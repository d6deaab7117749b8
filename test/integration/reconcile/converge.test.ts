// Issue 13 items 8 and 10: apply converges in one pass (a deregistration planned because
// another job's schedule moves away from a revision happens in the same apply, and the next
// plan is a no-op), and a rollback to content an ACTIVE revision already has repins that
// revision instead of registering a copy.
import { describe, expect, it } from 'vitest';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import {
  activeRevisions,
  berthIn,
  changing,
  editScheduleByHand,
  getSchedule,
  jobOf,
  pinnedRevision,
  planJson,
  useFreshAccount,
} from './support.js';

const t = useFreshAccount();

describe('apply converges in one pass', () => {
  it('deregisters a revision once the schedule that pointed at it has moved away', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network, keepRevisions: 2 }), {
      'a.yaml': jobYaml('a'),
    });
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    await t.repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37' }));
    await t.repo.write('jobs/b.yaml', jobYaml('b'));
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await activeRevisions('t-a')).toEqual(['t-a:1', 't-a:2']);

    // b's schedule is pointed at a's old revision by hand; then keepRevisions goes down to 1.
    const old = (await getSchedule('t-a')).Target!.EcsParameters!.TaskDefinitionArn!.replace(/:2$/, ':1');
    await editScheduleByHand('t-b', (s) => (s.Target!.EcsParameters!.TaskDefinitionArn = old));
    await t.repo.write('berth.yaml', configYaml({ network: t.network, keepRevisions: 1 }));
    const plan = await planJson(berth);
    expect(changing(plan, 'a')).toEqual(['delete taskDefinitionRevision t-a:1']);
    expect(changing(plan, 'b')).toEqual(['update schedule t-b']);

    const r = await berth('apply', '--auto-approve');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/applied \(\)/);
    expect(r.stderr).toMatch(/a: applied \(deregister t-a:1\)/);
    expect(await activeRevisions('t-a')).toEqual(['t-a:2']);
    expect(await pinnedRevision('t-b')).toBe('t-b:1');
    const next = await berth('plan', '--detailed-exitcode');
    expect(next.code, next.stdout).toBe(0);
  });
});

describe('a rollback', () => {
  it('repins the ACTIVE revision that has the content instead of registering a copy', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network, keepRevisions: 3 }), {
      'a.yaml': jobYaml('a'),
    });
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    await t.repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37' }));
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await pinnedRevision('t-a')).toBe('t-a:2');

    // git goes back to the first content (a force-push, or a revert).
    await t.repo.write('jobs/a.yaml', jobYaml('a'));
    const plan = await planJson(berth);
    expect(jobOf(plan, 'a').status).toBe('OutOfSync');
    expect(changing(plan, 'a')).toEqual(['update schedule t-a']);
    const schedule = jobOf(plan, 'a').actions.find((x) => x.resource === 'schedule');
    expect(schedule?.reason).toBe('back to t-a:1, which has this content');

    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await activeRevisions('t-a')).toEqual(['t-a:1', 't-a:2']);
    expect(await pinnedRevision('t-a')).toBe('t-a:1');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
    // An out-of-band repin to the newer revision is drift now, not "a git change".
    const newer = (await getSchedule('t-a')).Target!.EcsParameters!.TaskDefinitionArn!.replace(/:1$/, ':2');
    await editScheduleByHand('t-a', (s) => (s.Target!.EcsParameters!.TaskDefinitionArn = newer));
    expect(jobOf(await planJson(berth), 'a').status).toBe('Drifted');
  });
});
