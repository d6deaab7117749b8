// Which jobs a revision touched (controller/touched-jobs.ts) and the read plan/apply -t choose
// (pipeline/targeted-read.ts): pure decisions behind the targeted reads of issue 18 item 3.
import { describe, expect, it } from 'vitest';
import { TAG, type DesiredState } from '../../../src/model/desired.js';
import type { Plan } from '../../../src/model/plan.js';
import { touchedJobs } from '../../../src/controller/touched-jobs.js';
import { targetLimit, withReadNote } from '../../../src/pipeline/targeted-read.js';
import { desiredJob, jobPlan } from './fixtures.js';

function desired(jobs = ['a', 'b', 'c'], over: Partial<DesiredState> = {}): DesiredState {
  return {
    owner: 'o',
    region: 'us-east-1',
    clusterArn: 'arn:cluster',
    scheduleGroup: 'g',
    groupTags: {},
    namePrefix: 'p-',
    keepRevisions: 2,
    prune: { enabled: true, allowEmpty: false, maxDeleteFraction: 0.5, deleteInactive: false },
    ignoreTagKeys: [],
    jobs: jobs.map((j) => desiredJob(j)),
    protectedNames: [],
    ...over,
  };
}

const commitTag = (rev: string) => ({ tags: [{ key: TAG.commit, value: rev }] });

describe('touchedJobs', () => {
  it('names the jobs whose desired state changed, the commit tag aside', () => {
    const before = desired();
    before.jobs = before.jobs.map((j) => ({
      ...j,
      taskDefinition: { ...j.taskDefinition, ...commitTag('r1') },
    }));
    const after = desired();
    after.jobs = after.jobs.map((j) => ({
      ...j,
      taskDefinition: { ...j.taskDefinition, ...commitTag('r2') },
    }));
    expect(touchedJobs('r1', before, after)).toEqual({ kind: 'jobs', jobs: [], base: 'r1' });
    after.jobs[1] = { ...after.jobs[1]!, contentHash: 'other' };
    after.jobs.push(desiredJob('d'));
    expect(touchedJobs('r1', before, after)).toEqual({ kind: 'jobs', jobs: ['b', 'd'], base: 'r1' });
  });

  it('is no list of jobs after a removal or a berth.yaml change', () => {
    expect(touchedJobs('r1', desired(), desired(['a', 'b']))).toEqual({
      kind: 'full',
      reason: 'jobs removed from git (c)',
    });
    expect(touchedJobs('r1', desired(), desired(undefined, { keepRevisions: 3 }))).toEqual({
      kind: 'full',
      reason: 'berth.yaml changed',
    });
    expect(touchedJobs('r1', desired(), desired(undefined, { protectedNames: ['x'] })).kind).toBe('full');
    // The revision itself and the resolved lookups are not configuration.
    expect(touchedJobs('r1', desired(), desired(undefined, { revision: 'r2', lookups: [] })).kind).toBe(
      'jobs',
    );
  });
});

describe('the read a targeted plan may make', () => {
  it('takes few targets: cheaper than one full read', () => {
    expect([3, 100, 101, 1000, 5000].map(targetLimit)).toEqual([1, 1, 2, 10, 50]);
  });

  it('never deletes from a targeted read, and says what it did not read', () => {
    const plan: Plan = {
      formatVersion: 1,
      owner: 'o',
      scheduleGroup: 'g',
      liveFingerprint: 'sha256:x',
      groupAction: { kind: 'noop', resource: 'scheduleGroup', name: 'g', changes: [] },
      jobs: [
        {
          ...jobPlan('a', 'OutOfSync'),
          actions: [
            ...jobPlan('a', 'OutOfSync').actions,
            { kind: 'delete', resource: 'taskDefinitionRevision', job: 'a', name: 'p-a:1', changes: [] },
          ],
        },
        {
          job: 'z',
          status: 'Orphan',
          actions: [{ kind: 'delete', resource: 'schedule', name: 'p-z', changes: [] }],
        },
      ],
      summary: { create: 0, update: 1, delete: 2, noop: 0, conflicts: 0 },
      warnings: [],
    };
    const out = withReadNote(plan, {
      live: {} as never,
      scope: { kind: 'targeted', jobs: ['a'], notRead: 2 },
    });
    expect(out.jobs.map((j) => [j.job, j.actions.map((a) => `${a.kind} ${a.resource}`)])).toEqual([
      ['a', ['update schedule']],
    ]);
    expect(out.summary).toEqual({ create: 0, update: 1, delete: 0, noop: 0, conflicts: 0 });
    expect(out.warnings).toEqual([
      'targeted read: only a was read; 2 other jobs not read (nothing is said or deleted about them; 1 revision beyond keepRevisions left for a plan without -t)',
    ]);
    const full = withReadNote(plan, { live: {} as never, fullBecause: '-t: every job was read: why' });
    expect(full.jobs).toBe(plan.jobs);
    expect(full.warnings).toEqual(['-t: every job was read: why']);
  });
});
