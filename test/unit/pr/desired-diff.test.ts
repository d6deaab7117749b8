// The desired-vs-desired diff: jobs added / removed / changed, field by field, with the planner's
// equivalences (unit spellings, list order, volatile tags) and secrets flagged for masking.
import { describe, expect, it } from 'vitest';
import { renderDesired } from '../../../src/desired/index.js';
import type { LoadedJob } from '../../../src/model/diagnostics.js';
import type { RepoConfig } from '../../../src/model/manifest.js';
import { desiredDiffers, diffDesired } from '../../../src/plan/desired-diff.js';
import { config, job, scheduled } from '../desired/support/build.js';

function desired(jobs: LoadedJob[], cfg: RepoConfig = config(), revision = 'a'.repeat(40)) {
  const { state, diagnostics } = renderDesired(cfg, jobs, { revision });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return state;
}

const paths = (changes: { path: string }[]) => changes.map((c) => c.path);

describe('diffDesired', () => {
  it('finds nothing between two renderings of the same manifests at different commits', () => {
    const jobs = [scheduled('a'), scheduled('b')];
    const d = diffDesired(desired(jobs, config(), '1'.repeat(40)), desired(jobs, config(), '2'.repeat(40)));
    expect(d).toEqual({
      repository: [],
      jobs: [],
      summary: { added: 0, removed: 0, changed: 0, unchanged: 2 },
    });
    expect(desiredDiffers(d)).toBe(false);
  });

  it('treats what the planner treats as equal as equal: unit spellings, env order', () => {
    const before = scheduled('a', {
      task: { cpu: '0.5 vCPU', memory: '1 GB' },
      environment: { A: '1', B: '2' },
    });
    const after = scheduled('a', { task: { cpu: 512, memory: 1024 }, environment: { B: '2', A: '1' } });
    expect(diffDesired(desired([before]), desired([after])).jobs).toEqual([]);
  });

  it('lists a changed field under its resource, and only that field', () => {
    const d = diffDesired(desired([scheduled('a')]), desired([scheduled('a', { image: 'repo/etl:2' })]));
    expect(d.summary).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 0 });
    const [a] = d.jobs;
    expect(a?.change).toBe('changed');
    expect(a?.file).toBe('jobs/a.yaml');
    expect(a?.actions.map((x) => [x.kind, x.resource, x.name])).toEqual([
      ['update', 'taskDefinition', 'etl-a'],
    ]);
    expect(a?.actions[0]?.changes).toEqual([
      { path: '/containerDefinitions/a/image', before: 'repo/etl:1', after: 'repo/etl:2' },
    ]);
  });

  it('shows a schedule-only change on the schedule alone', () => {
    const d = diffDesired(
      desired([scheduled('a')]),
      desired([scheduled('a', { schedule: { expression: 'cron(0 4 * * ? *)' } })]),
    );
    const actions = d.jobs[0]?.actions ?? [];
    expect(actions.map((x) => [x.kind, x.resource, x.name])).toEqual([['update', 'schedule', 'etl-a']]);
    expect(actions[0]?.changes).toEqual([
      { path: '/ScheduleExpression', before: 'cron(0 3 * * ? *)', after: 'cron(0 4 * * ? *)' },
    ]);
  });

  it('lists every field of an added job, and names a removed one without listing its fields', () => {
    const d = diffDesired(desired([scheduled('gone')]), desired([scheduled('new')]));
    expect(d.summary).toEqual({ added: 1, removed: 1, changed: 0, unchanged: 0 });
    const [gone, added] = [d.jobs.find((j) => j.job === 'gone'), d.jobs.find((j) => j.job === 'new')];
    expect(added?.change).toBe('added');
    expect(added?.actions.map((x) => `${x.kind} ${x.resource} ${x.name}`)).toEqual([
      'create taskDefinition etl-new',
      'create schedule etl-new',
    ]);
    expect(paths(added?.actions[0]?.changes ?? [])).toContain('/containerDefinitions/new/image');
    expect(paths(added?.actions[1]?.changes ?? [])).toContain('/ScheduleExpression');
    expect(added?.actions[0]?.changes.every((c) => c.before === undefined)).toBe(true);
    expect(gone?.change).toBe('removed');
    expect(gone?.actions.map((x) => `${x.kind} ${x.resource} ${x.name}`)).toEqual([
      'delete taskDefinition etl-gone',
      'delete schedule etl-gone',
    ]);
    expect(gone?.actions.every((x) => x.changes.length === 0)).toBe(true);
    expect(d.jobs.map((j) => j.job)).toEqual(['gone', 'new']);
  });

  it('creates or deletes the schedule when one side has none', () => {
    const onDemand = job('a', { image: 'repo/etl:1' });
    const added = diffDesired(desired([onDemand]), desired([scheduled('a')])).jobs[0]?.actions ?? [];
    expect(added.map((x) => `${x.kind} ${x.resource} ${x.reason}`)).toEqual([
      'create schedule schedule added',
    ]);
    const removed = diffDesired(desired([scheduled('a')]), desired([onDemand])).jobs[0]?.actions ?? [];
    expect(removed.map((x) => `${x.kind} ${x.resource} ${x.reason}`)).toEqual([
      'delete schedule schedule removed',
    ]);
  });

  it('flags sensitive values, in the task definition and in the schedule overrides', () => {
    const withSecret = (v: string) =>
      scheduled('a', { environment: { DB_PASSWORD: v }, run: { environment: { API_TOKEN: v } } });
    const d = diffDesired(desired([withSecret('hunter2')]), desired([withSecret('hunter3')]));
    const changes = d.jobs[0]?.actions.flatMap((a) => a.changes) ?? [];
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes.every((c) => c.sensitive === true)).toBe(true);
  });

  it('reports berth settings that change no AWS input', () => {
    const d = diffDesired(desired([scheduled('a')]), desired([scheduled('a', { sync: { suspend: true } })]));
    expect(d.jobs[0]?.actions).toEqual([]);
    expect(d.jobs[0]?.settings).toEqual([{ path: '/sync/suspend', before: false, after: true }]);
  });

  it('reports repository settings: group, prefix, prune guards', () => {
    const after = config({ scheduleGroup: 'berth-other', prune: { maxDeleteFraction: 0.2 } });
    const d = diffDesired(desired([scheduled('a')]), desired([scheduled('a')], after));
    expect(d.repository).toEqual([
      { path: '/prune/maxDeleteFraction', before: 0.5, after: 0.2 },
      { path: '/scheduleGroup', before: 'berth-analytics', after: 'berth-other' },
    ]);
    // The group name is part of each schedule input as well.
    expect(d.jobs[0]?.actions.map((a) => paths(a.changes))).toEqual([['/GroupName']]);
  });

  it('takes a missing base as "berth is new here": every job added, no repository changes', () => {
    const d = diffDesired(undefined, desired([scheduled('a'), scheduled('b')]));
    expect(d.summary).toEqual({ added: 2, removed: 0, changed: 0, unchanged: 0 });
    expect(d.repository).toEqual([]);
  });
});
