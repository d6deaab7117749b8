// Remembered job plans (src/plan/job-memo.ts): a plan computed with the memo equals the plan
// computed without it, on every golden case, whether the memo is cold, warm, or read back from
// JSON; and a change to any input the job planner reads is planned afresh, never served stale.
import { describe, expect, it } from 'vitest';
import type { LiveState } from '../../../src/model/live.js';
import { MemoryJobPlanStore } from '../../../src/pipeline/job-plan-store.js';
import { computePlan } from '../../../src/plan/compute-plan.js';
import type { JobPlanStore, MemoisedJobPlan } from '../../../src/plan/job-memo.js';
import { asStored, caseNames, loadCase } from './golden-cases.js';

/** A store that counts its hits, and can be reloaded from its JSON (as the disk store is). */
class CountingStore extends MemoryJobPlanStore {
  hits = 0;
  override get(key: string): MemoisedJobPlan | undefined {
    const v = super.get(key);
    if (v) this.hits += 1;
    return v;
  }
  reloaded(): CountingStore {
    const copy = new CountingStore();
    const json = JSON.parse(JSON.stringify(Object.fromEntries(this.entries))) as Record<
      string,
      MemoisedJobPlan
    >;
    for (const [k, v] of Object.entries(json)) copy.set(k, v);
    return copy;
  }
}

const plan = (name: string, store?: JobPlanStore, live?: LiveState) => {
  const c = loadCase(name);
  return asStored(
    computePlan(c.desired, live ?? c.live, { ...c.options, ...(store ? { jobPlans: store } : {}) }),
  );
};

describe('remembered job plans', () => {
  it.each(caseNames())('%s: cold, warm and reloaded memos plan exactly as without one', (name) => {
    const expected = plan(name);
    const store = new CountingStore();
    expect(plan(name, store)).toEqual(expected);
    expect(store.hits).toBe(0);
    expect(plan(name, store)).toEqual(expected);
    const inSync = expected.jobs.filter((j) => j.status === 'InSync').length;
    // Every InSync job is served from the memo the second time; nothing else is kept.
    expect(store.hits).toBe(inSync);
    expect(store.size).toBe(inSync);
    expect(plan(name, store.reloaded())).toEqual(expected);
  });

  it('plans afresh when the live schedule, the live revision or the desired job changed', () => {
    const c = loadCase('noop-moto');
    const store = new CountingStore();
    plan('noop-moto', store);
    const job = c.desired.jobs.find((j) => j.schedule)!;
    const scheduleName = job.scheduleName!;

    const edited = structuredClone(c.live);
    edited.schedules[scheduleName]!.description.State = 'DISABLED';
    const p1 = computePlan(c.desired, edited, { jobPlans: store });
    // The memo's answer is the planner's own (this fixture has no applied-state record, so the
    // difference reads as a git change: OutOfSync), never the remembered InSync.
    const fresh = (d: typeof c.desired, l: typeof c.live) =>
      computePlan(d, l).jobs.find((j) => j.job === job.name)?.status;
    expect(p1.jobs.find((j) => j.job === job.name)?.status).toBe(fresh(c.desired, edited));
    expect(fresh(c.desired, edited)).not.toBe('InSync');

    const retagged = structuredClone(c.live);
    retagged.families[job.family]!.latest.tags['berth:owner'] = 'someone-else';
    const p2 = computePlan(c.desired, retagged, { jobPlans: store });
    expect(p2.jobs.find((j) => j.job === job.name)?.status).toBe(fresh(c.desired, retagged));
    expect(fresh(c.desired, retagged)).not.toBe('InSync');
    retagged.families[job.family]!.owned = false;
    const p2b = computePlan(c.desired, retagged, { jobPlans: store });
    expect(p2b.jobs.find((j) => j.job === job.name)?.status).toBe('Conflict');

    const desired = structuredClone(c.desired);
    desired.jobs.find((j) => j.name === job.name)!.taskDefinition.cpu = '4096';
    const p3 = computePlan(desired, c.live, { jobPlans: store });
    const j3 = p3.jobs.find((j) => j.job === job.name)!;
    // (The content hash was not recomputed for this edit, so it reads as drift.)
    expect(j3.actions.find((a) => a.resource === 'taskDefinition')?.kind).toBe('update');
  });

  it('a revision deregistered by hand is an input: the remembered InSync is not reused', () => {
    const c = loadCase('noop-moto');
    const store = new CountingStore();
    plan('noop-moto', store);
    const job = c.desired.jobs.find((j) => j.schedule)!;
    const live = structuredClone(c.live);
    const latest = live.families[job.family]!.latest;
    live.deregistered = [{ ...latest, active: false }];
    const before = store.hits;
    computePlan(c.desired, live, { jobPlans: store });
    expect(store.hits - before).toBe(0);
  });

  it('forgets what a plan did not use, and keeps entries of another planner version apart', async () => {
    const store = new CountingStore();
    plan('noop-moto', store);
    await store.save();
    const kept = store.size;
    expect(kept).toBeGreaterThan(0);
    plan('empty-account', store);
    await store.save();
    expect(store.size).toBe(0);
    const other: JobPlanStore = {
      version: 'other',
      get: (k) => store.get(k),
      set: (k, v) => store.set(k, v),
    };
    const s2 = new CountingStore();
    plan('noop-moto', s2);
    const hitsBefore = s2.hits;
    plan('noop-moto', { ...other, get: (k) => s2.get(k), set: (k, v) => s2.set(k, v) });
    expect(s2.hits).toBe(hitsBefore);
  });
});
