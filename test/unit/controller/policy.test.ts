import { describe, expect, it } from 'vitest';
import { Baselines } from '../../../src/controller/baselines.js';
import { decideJob, selectJobs, type SyncPolicy } from '../../../src/controller/policy.js';
import type { SyncStatus } from '../../../src/model/plan.js';
import { desiredJob, EXPRESSION_CHANGE, jobPlan } from './fixtures.js';

const AUTO: SyncPolicy = { auto: true, selfHeal: false, prune: true };
const plain = { gitChanged: false, preventDestroy: false };

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
    expect(decide('Orphan', AUTO, { gitChanged: false, preventDestroy: true })).toMatchObject({
      decision: 'report',
      reason: expect.stringMatching(/preventDestroy/),
    });
  });

  it('holds prunes while a rewritten history waits for a commit on top, and nothing else', () => {
    const held = { gitChanged: false, preventDestroy: false, pruneHeld: 'history rewritten: held' };
    const orphan = jobPlan('a', 'Orphan', [EXPRESSION_CHANGE], 'delete');
    expect(decideJob(orphan, undefined, AUTO, held)).toMatchObject({
      kind: 'orphan',
      decision: 'report',
      reason: 'history rewritten: held',
    });
    const edited = jobPlan('a', 'OutOfSync', [EXPRESSION_CHANGE]);
    expect(decideJob(edited, desiredJob('a'), AUTO, held).decision).toBe('apply');
  });

  it('treats a "Drifted" job whose git content moved as a git change', () => {
    expect(decide('Drifted', AUTO, { gitChanged: true, preventDestroy: false })).toMatchObject({
      kind: 'git',
      decision: 'apply',
    });
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

describe('Baselines', () => {
  it('sees a git change only after the job was seen, and forgets it once converged', () => {
    const b = new Baselines();
    const v1 = desiredJob('a');
    const v2 = desiredJob('a', { schedule: { ...v1.schedule!, ScheduleExpression: 'cron(0 4 * * ? *)' } });
    expect(b.gitChanged(v1)).toBe(false);
    b.observe([v1]);
    expect(b.gitChanged(v1)).toBe(false);
    b.observe([v2]);
    expect(b.gitChanged(v2)).toBe(true);
    b.markConverged(v2);
    expect(b.gitChanged(v2)).toBe(false);
  });

  it('drops jobs that left git', () => {
    const b = new Baselines();
    const a = desiredJob('a');
    b.observe([a]);
    b.observe([]);
    const changed = desiredJob('a', { contentHash: 'other' });
    b.observe([changed]);
    expect(b.gitChanged(changed)).toBe(false);
  });
});
