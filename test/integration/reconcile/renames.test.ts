// Issue 13 item 3: renaming spec.scheduleGroup or changing spec.namePrefix must not double every
// job. berth records its configuration on the group it owns and finds its other groups and its
// families under a previous prefix, so it plans the old copies as moves: the new copy first,
// then the old schedule (and the old revisions) go. A move is not a deletion towards
// prune.maxDeleteFraction; with prune disabled the plan refuses loudly instead.
import { describe, expect, it } from 'vitest';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import {
  activeRevisions,
  berthIn,
  getSchedule,
  groupNames,
  groupTags,
  jobOf,
  pinnedRevision,
  planJson,
  scheduleNames,
  useFreshAccount,
} from './support.js';

const t = useFreshAccount();

const jobs = { 'a.yaml': jobYaml('a'), 'b.yaml': jobYaml('b'), 'c.yaml': jobYaml('c') };

describe('renaming the schedule group', () => {
  it('moves every schedule to the new group and removes the old copies in the same apply', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network, group: 'old-group' }), jobs);
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await groupTags('old-group')).toMatchObject({ 'berth:name-prefix': 't-' });

    await t.repo.write('berth.yaml', configYaml({ network: t.network, group: 'new-group' }));
    const plan = await planJson(berth);
    expect(plan.group.kind).toBe('create');
    for (const job of ['a', 'b', 'c']) {
      const j = jobOf(plan, job);
      expect(j.status).toBe('OutOfSync');
      expect(
        j.actions.filter((x) => x.kind !== 'noop').map((x) => `${x.kind} ${x.resource} ${x.name}`),
      ).toEqual([`create schedule t-${job}`, `delete schedule old-group/t-${job}`]);
    }
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(2);

    const r = await berth('apply', '--auto-approve');
    expect(r.code, r.stderr).toBe(0);
    expect(await scheduleNames('new-group')).toEqual(['t-a', 't-b', 't-c']);
    expect(await groupNames()).not.toContain('old-group');
    expect(await pinnedRevision('t-a', 'new-group')).toBe('t-a:1');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('changing namePrefix', () => {
  it('moves every job to the new names; the old schedules and revisions go', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network, prefix: 'old-' }), jobs);
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await scheduleNames()).toEqual(['old-a', 'old-b', 'old-c']);

    await t.repo.write('berth.yaml', configYaml({ network: t.network, prefix: 'new-' }));
    const plan = await planJson(berth);
    expect(plan.warnings.join('\n')).not.toMatch(/prune refused/);
    const a = jobOf(plan, 'a');
    expect(a.status).toBe('Missing');
    expect(
      a.actions.filter((x) => x.kind !== 'noop').map((x) => `${x.kind} ${x.resource} ${x.name}`),
    ).toEqual([
      'create taskDefinition new-a',
      'create schedule new-a',
      'delete schedule old-a',
      'delete taskDefinitionRevision old-a:1',
    ]);

    const r = await berth('apply', '--auto-approve');
    expect(r.code, r.stderr).toBe(0);
    expect(await scheduleNames()).toEqual(['new-a', 'new-b', 'new-c']);
    expect(await activeRevisions('old-a')).toEqual([]);
    expect(await activeRevisions('new-a')).toEqual(['new-a:1']);
    expect((await getSchedule('new-a')).State).toBe('ENABLED');
    expect(await groupTags()).toMatchObject({ 'berth:name-prefix': 'new-' });
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('with prune disabled, refuses loudly and names every job that would run twice', async () => {
    const noPrune = '  prune:\n    enabled: false\n';
    t.repo = await TestRepo.create(
      configYaml({ network: t.network, prefix: 'old-', extraSpec: noPrune }),
      jobs,
    );
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);

    await t.repo.write('berth.yaml', configYaml({ network: t.network, prefix: 'new-', extraSpec: noPrune }));
    const plan = await planJson(berth);
    for (const job of ['a', 'b', 'c']) {
      expect(jobOf(plan, job).status).toBe('Conflict');
      expect(jobOf(plan, job).message).toMatch(/would run twice/);
    }
    expect(plan.warnings.join('\n')).toMatch(/3 jobs would run twice.*a, b, c/);
    const text = await berth('plan', '--detailed-exitcode');
    expect(text.code).toBe(2);

    // apply does not create the second copies, and says AWS still differs (exit 2).
    const applied = await berth('apply', '--auto-approve');
    expect(applied.code).toBe(2);
    expect(applied.stderr).toMatch(/3 jobs in conflict/);
    expect(await scheduleNames()).toEqual(['old-a', 'old-b', 'old-c']);
    // The group still records the old prefix: the old copies stay findable once prune is on.
    expect((await groupTags())['berth:name-prefix']).toBe('old-');

    // Prune enabled: the refused rename goes through as moves.
    await t.repo.write('berth.yaml', configYaml({ network: t.network, prefix: 'new-' }));
    const moved = await berth('apply', '--auto-approve');
    expect(moved.code, moved.stderr).toBe(0);
    expect(await scheduleNames()).toEqual(['new-a', 'new-b', 'new-c']);
  });
});
