import { describe, expect, it } from 'vitest';
import { decideJob, selectJobs, type SyncPolicy } from '../../../src/controller/policy.js';
import type { SyncStatus } from '../../../src/model/plan.js';
import { desiredJob, EXPRESSION_CHANGE, jobPlan } from './fixtures.js';

const AUTO: SyncPolicy = { auto: true, selfHeal: false, prune: true };
const plain = { preventDestroy: false };

function decide(status: SyncStatus, policy: SyncPolicy = AUTO, ctx = plain, selfHeal = false) {
  const kind = status === 'Orphan' ? 'delete' : 'update';
  const p = jobPlan('a', status, status === 'InSync' ? [] : [EXPRESSION_CHANGE], kind);
  const job =
    status === 'Orphan'
      ? undefined
      : desiredJob('a', { sync: { suspend: false, selfHeal, preventDestroy: false } });
  return decideJob(p, job, policy, ctx);
}

describe('decideJob', () => {
  it.each([
    ['OutOfSync', 'git', 'apply'],
    ['Missing', 'git', 'apply'],
    ['Drifted', 'drift', 'report'],
    ['Orphan', 'orphan', 'apply'],
    ['Suspended', 'none', 'leave'],
    ['Completed', 'none', 'leave'],
    ['Conflict', 'blocked', 'report'],
    ['InSync', 'none', 'leave'],
  ] as const)('automatic sync, no self-heal: %s → %s / %s', (status, kind, decision) => {
    expect(decide(status)).toMatchObject({ kind, decision });
  });

  it('heals drift when self-heal is on globally or for the job', () => {
    expect(decide('Drifted', { ...AUTO, selfHeal: true }).decision).toBe('apply');
    expect(decide('Drifted', AUTO, plain, true).decision).toBe('apply');
    expect(decide('Drifted', AUTO, plain, false).reason).toMatch(/self-heal is off/);
  });

  it('applies nothing when sync is manual, whatever self-heal says', () => {
    const manual = { auto: false, selfHeal: true, prune: true };
    for (const s of ['OutOfSync', 'Missing', 'Drifted', 'Orphan'] as const) {
      expect(decide(s, manual, plain, true)).toMatchObject({ decision: 'report', reason: 'sync is manual' });
    }
  });

  it('prunes orphans only when prune is on and the job never asked for preventDestroy', () => {
    expect(decide('Orphan', { ...AUTO, prune: false })).toMatchObject({
      decision: 'report',
      reason: expect.stringMatching(/prune is off/),
    });
    expect(decide('Orphan', AUTO, { preventDestroy: true })).toMatchObject({
      decision: 'report',
      reason: expect.stringMatching(/preventDestroy/),
    });
  });

  it('holds prunes while a rewritten history waits for a commit on top, and nothing else', () => {
    const held = { preventDestroy: false, pruneHeld: 'history rewritten: held' };
    const orphan = jobPlan('a', 'Orphan', [EXPRESSION_CHANGE], 'delete');
    expect(decideJob(orphan, undefined, AUTO, held)).toMatchObject({
      kind: 'orphan',
      decision: 'report',
      reason: 'history rewritten: held',
    });
    const edited = jobPlan('a', 'OutOfSync', [EXPRESSION_CHANGE]);
    expect(decideJob(edited, desiredJob('a'), AUTO, held).decision).toBe('apply');
  });

  it('follows the plan on which side moved: a restart or a crash changes nothing', () => {
    // The same Drifted plan decides the same however the controller got here.
    expect(decide('Drifted')).toMatchObject({ kind: 'drift', decision: 'report' });
    expect(decide('OutOfSync')).toMatchObject({ kind: 'git', decision: 'apply' });
  });

  it('treats a schedule added to berth’s group by hand as drift, not a prune', () => {
    const p = jobPlan('x', 'Orphan', [EXPRESSION_CHANGE], 'delete');
    p.actions = p.actions.map((a) => ({ ...a, origin: 'aws' as const }));
    expect(decideJob(p, undefined, AUTO, plain)).toMatchObject({ kind: 'drift', decision: 'report' });
    expect(decideJob(p, undefined, { ...AUTO, selfHeal: true }, plain)).toMatchObject({
      kind: 'drift',
      decision: 'apply',
    });
  });

  it('does not move a renamed job while prune is off: it would run twice', () => {
    const p = jobPlan('a', 'OutOfSync', [EXPRESSION_CHANGE]);
    p.actions.push({
      kind: 'delete',
      resource: 'schedule',
      job: 'a',
      name: 'old-group/p-a',
      reason: 'moved: renamed in berth.yaml',
      changes: [],
      origin: 'git',
    });
    expect(decideJob(p, desiredJob('a'), { ...AUTO, prune: false }, plain)).toMatchObject({
      kind: 'git',
      decision: 'report',
      reason: expect.stringMatching(/run twice/),
    });
    expect(decideJob(p, desiredJob('a'), AUTO, plain).decision).toBe('apply');
  });

  it('applies revision housekeeping of an in-sync job with automatic sync', () => {
    const p = jobPlan('a', 'InSync', [], 'noop');
    p.actions.push({
      kind: 'delete',
      resource: 'taskDefinitionRevision',
      job: 'a',
      name: 'p-a:1',
      changes: [],
    });
    expect(decideJob(p, desiredJob('a'), AUTO, plain)).toMatchObject({ kind: 'git', decision: 'apply' });
  });
});

describe('selectJobs', () => {
  it('keeps only the jobs to apply', () => {
    const plan = {
      jobs: [jobPlan('a', 'OutOfSync', [EXPRESSION_CHANGE]), jobPlan('b', 'Drifted', [EXPRESSION_CHANGE])],
    };
    const decisions = plan.jobs.map((j) => decideJob(j, desiredJob(j.job), AUTO, plain));
    expect(selectJobs(plan, decisions).jobs.map((j) => j.job)).toEqual(['a']);
  });
});
