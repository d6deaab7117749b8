// Issue 13 items 2 and 6: telling "git moved" from "AWS moved" with the applied-state record
// berth keeps in AWS (tags on its task-definition revisions). A schedule-only change in git and
// a tag change in berth.yaml are git changes (OutOfSync, applied, not drift); the same edits
// made in AWS by hand are drift. A tag-only change costs no new revision (TagResource).
import { describe, expect, it } from 'vitest';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';
import {
  activeRevisions,
  berthIn,
  changing,
  editScheduleByHand,
  getSchedule,
  groupTags,
  jobOf,
  pinnedRevision,
  planJson,
  revisionTags,
  tagRevision,
  untagRevision,
  useFreshAccount,
} from './support.js';

const t = useFreshAccount();

const tagsSpec = (team: string, extra = '') => `  tags:\n    team: ${team}\n${extra}`;

describe('a schedule-only change', () => {
  it('committed in git is a git change; made in AWS it is drift', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network }), {
      'a.yaml': jobYaml('a'),
      'b.yaml': jobYaml('b'),
    });
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);

    await t.repo.write('jobs/a.yaml', jobYaml('a', { expression: 'cron(15 4 * * ? *)' }));
    const plan = await planJson(berth);
    expect(jobOf(plan, 'a').status).toBe('OutOfSync');
    expect(changing(plan, 'a')).toEqual(['update schedule t-a']);
    expect((await berth('drift')).code).toBe(0);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect((await getSchedule('t-a')).ScheduleExpression).toBe('cron(15 4 * * ? *)');
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);

    // The same kind of edit, by hand: drift, field by field.
    await editScheduleByHand('t-b', (s) => (s.ScheduleExpression = 'cron(0 5 * * ? *)'));
    const drifted = await planJson(berth);
    expect(jobOf(drifted, 'b').status).toBe('Drifted');
    const drift = await berth('drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('/ScheduleExpression: git "cron(0 3 * * ? *)", AWS "cron(0 5 * * ? *)"');
  });

  it('is a git change even when the record is missing (berth upgraded, or a crash before the record)', async () => {
    t.repo = await TestRepo.create(configYaml({ network: t.network }), { 'a.yaml': jobYaml('a') });
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    // An older berth wrote no record: take it away, as if the process died right after the write.
    expect(Object.keys(await revisionTags('t-a:1'))).toContain('berth:applied');
    await untagRevision('t-a:1', ['berth:applied']);
    const housekeeping = await planJson(berth);
    expect(jobOf(housekeeping, 'a').status).toBe('InSync');
    expect(changing(housekeeping, 'a')).toEqual(['update taskDefinitionTags t-a:1']);

    await t.repo.write('jobs/a.yaml', jobYaml('a', { expression: 'rate(2 hours)' }));
    const plan = await planJson(berth);
    expect(jobOf(plan, 'a').status).toBe('OutOfSync');
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('a tag change', () => {
  it('committed in berth.yaml tags the existing revisions and the group: no new revision, not drift', async () => {
    t.repo = await TestRepo.create(
      configYaml({ network: t.network, extraSpec: tagsSpec('data', '    tier: gold\n') }),
      {
        'a.yaml': jobYaml('a'),
      },
    );
    const berth = berthIn(t.repo);
    expect((await berth('apply', '--auto-approve')).code).toBe(0);
    expect(await revisionTags('t-a:1')).toMatchObject({ team: 'data', tier: 'gold' });

    await t.repo.write('berth.yaml', configYaml({ network: t.network, extraSpec: tagsSpec('platform') }));
    const plan = await planJson(berth);
    expect(jobOf(plan, 'a').status).toBe('OutOfSync');
    expect(changing(plan, 'a')).toEqual(['update taskDefinitionTags t-a:1']);
    expect(plan.group.kind).toBe('update');
    expect((await berth('drift')).code).toBe(0);

    const applied = await berth('apply', '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
    expect(await activeRevisions('t-a')).toEqual(['t-a:1']);
    expect(await pinnedRevision('t-a')).toBe('t-a:1');
    const tags = await revisionTags('t-a:1');
    expect(tags.team).toBe('platform');
    expect(tags.tier).toBeUndefined();
    expect(await groupTags()).toMatchObject({ team: 'platform' });
    expect((await groupTags()).tier).toBeUndefined();
    expect((await berth('plan', '--detailed-exitcode')).code).toBe(0);

    // By hand, the same kind of change is drift.
    await tagRevision('t-a:1', { team: 'someone' });
    const drifted = await planJson(berth);
    expect(jobOf(drifted, 'a').status).toBe('Drifted');
    expect((await berth('drift')).code).toBe(2);
  });
});
