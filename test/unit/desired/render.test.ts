import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_REVISIONS, renderDesired } from '../../../src/desired/render.js';
import { TAG } from '../../../src/model/desired.js';
import { config, job, scheduled } from './support/build.js';

describe('renderDesired: repository fields', () => {
  it('fills owner, cluster, group tags and documented defaults', () => {
    const { state, diagnostics } = renderDesired(config({ tags: { team: 'data' } }), []);
    expect(diagnostics).toEqual([]);
    expect(state).toEqual({
      owner: 'analytics',
      region: 'us-east-1',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/etl',
      scheduleGroup: 'berth-analytics',
      groupTags: {
        [TAG.managedBy]: 'berth',
        [TAG.owner]: 'analytics',
        [TAG.namePrefix]: 'etl-',
        team: 'data',
      },
      namePrefix: 'etl-',
      keepRevisions: DEFAULT_KEEP_REVISIONS,
      prune: { enabled: true, allowEmpty: false, maxDeleteFraction: 0.5, deleteInactive: false },
      ignoreTagKeys: [],
      jobs: [],
      protectedNames: [],
    });
    expect(DEFAULT_KEEP_REVISIONS).toBe(3);
  });

  it('takes keepRevisions, prune, ignoreTagKeys, protected names and revision as given', () => {
    const { state } = renderDesired(
      config({
        keepRevisions: 10,
        prune: { deleteInactive: true, maxDeleteFraction: 0.2 },
        ignoreTagKeys: ['z', 'a'],
        namePrefix: undefined,
      }),
      [],
      { revision: 'abc123', protectedNames: ['b', 'a', 'b'] },
    );
    expect(state.keepRevisions).toBe(10);
    expect(state.prune).toEqual({
      enabled: true,
      allowEmpty: false,
      maxDeleteFraction: 0.2,
      deleteInactive: true,
    });
    expect(state.ignoreTagKeys).toEqual(['a', 'z']);
    expect(state.protectedNames).toEqual(['a', 'b']);
    expect(state.revision).toBe('abc123');
    expect(state.namePrefix).toBe('');
  });

  it('uses the caller region only when the config has none and the cluster is a name', () => {
    expect(renderDesired(config({ region: undefined }), [], { region: 'eu-west-1' }).state.clusterArn).toBe(
      'arn:aws:ecs:eu-west-1:123456789012:cluster/etl',
    );
    const arn = 'arn:aws:ecs:ap-northeast-1:123456789012:cluster/etl';
    const r = renderDesired(config({ region: undefined, cluster: arn }), [], { region: 'ap-northeast-1' });
    expect(r.state.region).toBe('ap-northeast-1');
    expect(r.diagnostics).toEqual([]);
  });

  it('refuses a --region / BERTH_REGION that contradicts spec.region or the cluster ARN', () => {
    // Before: the plan read and wrote eu-west-1 while every rendered ARN said us-east-1.
    const r = renderDesired(config({}), [], { region: 'eu-west-1' });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'render/region-conflict',
        pointer: '/spec/region',
        message: '--region/BERTH_REGION is eu-west-1, but spec.region says us-east-1',
      }),
    ]);
    const arn = 'arn:aws:ecs:ap-northeast-1:123456789012:cluster/etl';
    const byArn = renderDesired(config({ region: undefined, cluster: arn }), [], { region: 'eu-west-1' });
    expect(byArn.diagnostics.map((d) => [d.rule, d.pointer])).toEqual([
      ['render/region-conflict', '/spec/cluster'],
    ]);
    expect(renderDesired(config({}), [], { region: 'us-east-1' }).diagnostics).toEqual([]);
  });

  it('reports an unresolvable cluster once, against the config file', () => {
    const r = renderDesired(config({ schedulerRoleArn: undefined }), [scheduled('a'), scheduled('b')], {
      configFile: 'ops/berth.yaml',
    });
    expect(r.state.clusterArn).toBe('');
    const account = r.diagnostics.filter((d) => d.rule === 'render/account');
    expect(account).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'ops/berth.yaml',
        pointer: '/spec/cluster',
        line: 0,
      }),
    ]);
    expect(r.diagnostics.filter((d) => d.rule === 'render/scheduler-role')).toHaveLength(1);
    expect(account[0]!.hint).toMatch(/full ARN or give schedulerRoleArn/);
  });

  it('resolves the account from opts.accountId without a role', () => {
    const r = renderDesired(config({ schedulerRoleArn: undefined }), [], { accountId: '444455556666' });
    expect(r.state.clusterArn).toBe('arn:aws:ecs:us-east-1:444455556666:cluster/etl');
  });
});

describe('renderDesired: jobs', () => {
  it('sorts jobs by name and reports duplicates against the later file', () => {
    const r = renderDesired(config(), [
      job('b', { image: 'i' }),
      job('a', { image: 'i' }, {}, 'jobs/z.yaml'),
      job('a', { image: 'other' }, {}, 'jobs/a.yaml'),
    ]);
    expect(r.state.jobs.map((j) => [j.name, j.source.file])).toEqual([
      ['a', 'jobs/a.yaml'],
      ['b', 'jobs/b.yaml'],
    ]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'render/duplicate-job',
        file: 'jobs/z.yaml',
        job: 'a',
        message: expect.stringContaining('jobs/a.yaml'),
      }),
    ]);
  });

  it('is deterministic: the same input gives byte-identical output whatever the job order', () => {
    const jobs = [
      scheduled('x', { environment: { B: 1, A: 2 } }),
      scheduled('y', { run: { command: ['go'] } }),
    ];
    const a = JSON.stringify(renderDesired(config(), jobs, { revision: 'r1' }));
    const b = JSON.stringify(renderDesired(config(), [...jobs].reverse(), { revision: 'r1' }));
    expect(b).toBe(a);
  });

  it('puts ownership, config and job tags on the task definition, hash included', () => {
    const { state } = renderDesired(
      config({ tags: { team: 'data', cost: 'etl' } }),
      [scheduled('x', { tags: { cost: 'sales' } })],
      { revision: 'abc' },
    );
    const j = state.jobs[0]!;
    expect(j.taskDefinition.tags).toEqual([
      { key: TAG.commit, value: 'abc' },
      { key: TAG.hash, value: j.contentHash },
      { key: TAG.job, value: 'x' },
      { key: TAG.managedBy, value: 'berth' },
      { key: TAG.owner, value: 'analytics' },
      { key: 'cost', value: 'sales' },
      { key: 'team', value: 'data' },
    ]);
  });

  it('changes the content hash when the content changes, not when only the commit does', () => {
    const base = renderDesired(config(), [scheduled('x')], { revision: 'r1' }).state.jobs[0]!;
    const otherCommit = renderDesired(config(), [scheduled('x')], { revision: 'r2' }).state.jobs[0]!;
    const noCommit = renderDesired(config(), [scheduled('x')]).state.jobs[0]!;
    const newImage = renderDesired(config(), [scheduled('x', { image: 'repo/etl:2' })], { revision: 'r1' })
      .state.jobs[0]!;
    const newTag = renderDesired(config(), [scheduled('x', { tags: { a: 'b' } })], { revision: 'r1' }).state
      .jobs[0]!;
    const newSchedule = renderDesired(config(), [
      scheduled('x', { schedule: { expression: 'rate(2 days)' } }),
    ]).state.jobs[0]!;
    expect(otherCommit.contentHash).toBe(base.contentHash);
    expect(noCommit.contentHash).toBe(base.contentHash);
    expect(newImage.contentHash).not.toBe(base.contentHash);
    // tags and the schedule are not task-definition content
    expect(newTag.contentHash).toBe(base.contentHash);
    expect(newSchedule.contentHash).toBe(base.contentHash);
    expect(noCommit.taskDefinition.tags!.some((t) => t.key === TAG.commit)).toBe(false);
  });

  it('lists sensitive env names from containers and run overrides, sorted', () => {
    const { state } = renderDesired(config(), [
      scheduled('x', {
        environment: { DB_PASSWORD: 'p', BATCH: 1, SOURCE: 'postgres://u:p@h/db' },
        run: { environment: { API_TOKEN: 't', DAY: '<aws.scheduler.scheduled-time>' } },
      }),
    ]);
    expect(state.jobs[0]!.sensitiveEnv).toEqual(['API_TOKEN', 'DB_PASSWORD', 'SOURCE']);
  });

  it('fills sync flags and the main container', () => {
    const { state } = renderDesired(
      config({ defaults: { ...config().spec.defaults, sync: { selfHeal: true } } }),
      [
        job('x', {
          containers: [
            { name: 'router', image: 'r', essential: false },
            { name: 'etl', image: 'e' },
          ],
          sync: { suspend: true },
        }),
      ],
    );
    expect(state.jobs[0]!.sync).toEqual({ suspend: true, selfHeal: true, preventDestroy: false });
    expect(state.jobs[0]!.mainContainer).toBe('etl');
  });

  it('reports run.container naming a container the job lacks', () => {
    const r = renderDesired(config(), [scheduled('x', { run: { container: 'ghost', command: ['go'] } })]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ rule: 'render/unknown-container', pointer: '/spec/run/container' }),
    ]);
    expect(r.state.jobs[0]!.schedule!.Target).not.toHaveProperty('Input');
  });

  it('positions a job problem at its field, else its nearest ancestor, else the document', () => {
    const j = job('x', { image: 'i', task: { cpu: 'lots', memory: 'much' } });
    j.source = { file: 'jobs/x.yaml', document: 1, line: 20, column: 1 };
    j.positions = { '/spec/task/cpu': [25, 10], '/spec/task': [24, 3] };
    const r = renderDesired(config(), [j]);
    expect(r.diagnostics.map((d) => [d.pointer, d.line, d.column])).toEqual([
      ['/spec/task/cpu', 25, 10],
      ['/spec/task/memory', 24, 3],
    ]);
    const bare = job('y', { image: 'i', task: { cpu: 'lots' } });
    bare.source = { file: 'jobs/y.yaml', document: 0, line: 3, column: 1 };
    expect(renderDesired(config(), [bare]).diagnostics[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('does not mutate its inputs', () => {
    const cfg = config();
    const jobs = [scheduled('x', { environment: { B: 1 } })];
    const before = JSON.stringify([cfg, jobs]);
    renderDesired(cfg, jobs, { revision: 'r' });
    expect(JSON.stringify([cfg, jobs])).toBe(before);
  });
});
