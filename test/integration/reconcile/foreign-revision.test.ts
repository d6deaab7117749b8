// Issue 13 item 1: a family named namePrefix + job in which berth has registered revisions is
// berth's by name. A revision registered there by hand (without berth's tags) is out-of-band
// drift: reported per job and field, and replaced by apply (a berth revision on top, the
// schedule pinned to it). A family of another berth installation, or one berth never
// registered into, stays a Conflict, but never a silent one: exit 2 and a reason per job.
import { describe, expect, it } from 'vitest';
import { registerOwnedTaskDefinition, registerTaskDefinition } from '../../support/aws.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import {
  activeRevisions,
  berthIn,
  changing,
  editScheduleByHand,
  jobOf,
  pinnedRevision,
  planJson,
  registerCopyByHand,
  revisionTags,
  useFreshAccount,
} from './support.js';

const t = useFreshAccount();

describe('a revision registered by hand in a berth family', () => {
  it('is drift: reported by plan and drift, replaced by apply, and later git changes still land', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network }), {
      'a.yaml': jobYaml('a'),
      'b.yaml': jobYaml('b'),
    });
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);

    // Someone copies t-a:1 by hand with another image and points the schedule at the copy.
    const copy = await registerCopyByHand('t-a:1', (td) => {
      td.containerDefinitions![0]!.image = 'public.ecr.aws/docker/library/busybox:hotfix';
    });
    expect(copy).toMatch(/t-a:2$/);
    await editScheduleByHand('t-a', (s) => (s.Target!.EcsParameters!.TaskDefinitionArn = copy));

    const plan = await planJson(berth);
    expect(jobOf(plan, 'a').status).toBe('Drifted');
    // keepRevisions=2: berth's t-a:1 makes room for its new revision (the copy is the newer one).
    expect(changing(plan, 'a')).toEqual([
      'update taskDefinition t-a',
      'update schedule t-a',
      'delete taskDefinitionRevision t-a:1',
    ]);
    expect(jobOf(plan, 'b').status).toBe('InSync');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(2);

    const drift = await berth('drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toMatch(/^a: reported/m);
    expect(drift.stdout).toContain('/containerDefinitions/a/image: git');
    expect(drift.stdout).toContain('"public.ecr.aws/docker/library/busybox:hotfix"');

    const applied = await berth('apply', '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
    expect(await activeRevisions('t-a')).toContain('t-a:3');
    expect(await pinnedRevision('t-a')).toBe('t-a:3');
    expect(await revisionTags('t-a:3')).toMatchObject({
      'berth:managed-by': 'berth',
      'berth:owner': 'test-owner',
    });
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);

    // The job is not left unmanaged: the next change in git is deployed.
    await t.repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37' }));
    const next = await planJson(berth);
    expect(jobOf(next, 'a').status).toBe('OutOfSync');
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await pinnedRevision('t-a')).toBe('t-a:4');
  });

  it('is drift too when the schedule still points at berth’s revision', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network }), { 'a.yaml': jobYaml('a') });
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    await registerCopyByHand('t-a:1');

    const plan = await planJson(berth);
    expect(jobOf(plan, 'a').status).toBe('Drifted');
    expect(changing(plan, 'a')).toContain('update taskDefinition t-a');
    expect((await berth('drift')).code).toBe(2);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await pinnedRevision('t-a')).toBe('t-a:3');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('a family berth may not take', () => {
  it('of another berth installation, or never registered by berth: a Conflict that exits 2 with a reason', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network }), {
      'a.yaml': jobYaml('a'),
      'b.yaml': jobYaml('b'),
    });
    await registerOwnedTaskDefinition({ family: 't-a', owner: 'someone-else', job: 'a' });
    await registerTaskDefinition('t-b');
    const berth = berthIn(t.repo);

    const plan = await planJson(berth);
    expect(jobOf(plan, 'a').status).toBe('Conflict');
    expect(jobOf(plan, 'a').message).toMatch(/belongs to berth installation "someone-else"/);
    expect(jobOf(plan, 'b').status).toBe('Conflict');
    expect(jobOf(plan, 'b').message).toMatch(/berth import --adopt/);
    const text = await berth('plan', '--detailed-exitcode');
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/2 jobs in conflict/);
    expect((await berth('drift')).code).toBe(2);
  });
});
