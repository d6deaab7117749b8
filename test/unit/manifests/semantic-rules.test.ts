// Every semantic rule, one case (or more) each: a valid job and config, changed just enough
// to break the rule, must produce exactly that diagnostic (rule, pointer, severity).
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateDocuments } from '../../../src/manifests/validate.js';
import type { Diagnostic } from '../../../src/model/diagnostics.js';

type Obj = Record<string, unknown>;

const CONFIG: Obj = {
  apiVersion: 'berth/v1',
  kind: 'Config',
  metadata: { name: 'rules' },
  spec: {
    region: 'us-east-1',
    cluster: 'etl',
    namePrefix: 'etl-',
    scheduleGroup: 'berth-rules',
    schedulerRoleArn: 'arn:aws:iam::123456789012:role/berth-scheduler',
    defaults: {
      task: {
        launchType: 'FARGATE',
        cpu: '0.5 vCPU',
        memory: '1 GB',
        executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
      },
      network: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0c3d4e5f60718293a'] },
    },
  },
};

const JOB: Obj = {
  apiVersion: 'berth/v1',
  kind: 'Job',
  metadata: { name: 'job' },
  spec: { image: 'example/app:1.0', schedule: { expression: 'cron(0 3 * * ? *)' } },
};

const NOW = new Date('2026-06-01T00:00:00Z');

/**
 * Test patches: maps merge, lists replace, null removes a key; nulls inside a value the base
 * lacks are kept verbatim, because some cases test a manifest's own explicit null.
 */
function patch(base: unknown, over: unknown): unknown {
  const plain = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!plain(base) || !plain(over)) return over;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = patch(out[k], v);
  }
  return out;
}

function check(jobPatch: Obj = {}, configPatch: Obj = {}, more: Obj[] = []): Diagnostic[] {
  const config = patch(CONFIG, configPatch) as Obj;
  const jobs = [patch(JOB, jobPatch) as Obj, ...more.map((p) => patch(JOB, p) as Obj)];
  return validateDocuments({
    config: { path: 'berth.yaml', content: stringify(config) },
    jobFiles: [{ path: 'jobs/job.yaml', content: jobs.map((j) => stringify(j)).join('---\n') }],
    now: NOW,
  }).diagnostics;
}

const short = (ds: Diagnostic[]) => ds.map((d) => [d.rule, d.file, d.pointer, d.severity]);
const spec = (s: Obj): Obj => ({ spec: s });

describe('the baseline', () => {
  it('is valid', () => {
    expect(check()).toEqual([]);
  });
});

type Case = [string, Obj, [string, string, string, string][], Obj?];
const E = (rule: string, pointer: string, file = 'jobs/job.yaml'): [string, string, string, string] => [
  rule,
  file,
  pointer,
  'error',
];
const W = (rule: string, pointer: string, file = 'jobs/job.yaml'): [string, string, string, string] => [
  rule,
  file,
  pointer,
  'warning',
];

const cases: Case[] = [
  // names
  ['name/family: characters', { metadata: { name: 'daily.job' } }, [E('name/family', '/metadata/name')]],
  [
    'name/family: length',
    { metadata: { name: 'a'.repeat(252) }, spec: { schedule: null } },
    [E('name/family', '/metadata/name')],
  ],
  ['name/schedule: length', { metadata: { name: 'a'.repeat(61) } }, [E('name/schedule', '/metadata/name')]],
  // config
  [
    'config/schedule-group: default',
    {},
    [E('config/schedule-group', '/spec/scheduleGroup', 'berth.yaml')],
    { spec: { scheduleGroup: 'default' } },
  ],
  [
    'config/schedule-group: characters',
    {},
    [E('config/schedule-group', '/spec/scheduleGroup', 'berth.yaml')],
    { spec: { scheduleGroup: 'a/b' } },
  ],
  [
    'config/name-prefix',
    { spec: { schedule: null } },
    [E('config/name-prefix', '/spec/namePrefix', 'berth.yaml'), E('name/family', '/metadata/name')],
    { spec: { namePrefix: 'etl.' } },
  ],
  [
    'config/jobs-dir',
    {},
    [E('config/jobs-dir', '/spec/jobsDir', 'berth.yaml')],
    { spec: { jobsDir: '../jobs' } },
  ],
  [
    'config/ignore-tag-keys',
    {},
    [E('config/ignore-tag-keys', '/spec/ignoreTagKeys/0', 'berth.yaml')],
    { spec: { ignoreTagKeys: ['berth:commit'] } },
  ],
  [
    'ecs/cluster: name',
    {},
    [E('ecs/cluster', '/spec/cluster', 'berth.yaml')],
    { spec: { cluster: 'my cluster' } },
  ],
  [
    'ecs/cluster: run.cluster ARN',
    spec({ run: { cluster: 'arn:aws:ecs:us-east-1:1:cluster/x' } }),
    [E('ecs/cluster', '/spec/run/cluster')],
  ],
  [
    'iam/role-arn: config',
    {},
    [E('iam/role-arn', '/spec/schedulerRoleArn', 'berth.yaml')],
    { spec: { schedulerRoleArn: 'berth-scheduler' } },
  ],
  [
    'iam/role-arn: defaults',
    {},
    [E('iam/role-arn', '/spec/defaults/task/executionRoleArn', 'berth.yaml')],
    { spec: { defaults: { task: { executionRoleArn: 'arn:aws:iam::123:role/x' } } } },
  ],
  [
    'iam/role-arn: job',
    spec({ task: { taskRoleArn: 'arn:aws:iam::123456789012:user/me' } }),
    [E('iam/role-arn', '/spec/task/taskRoleArn')],
  ],
  [
    'iam/execution-role-required',
    spec({ task: { executionRoleArn: null } }),
    [E('iam/execution-role-required', '/spec/task/executionRoleArn')],
  ],
  // task
  ['task/cpu', spec({ task: { cpu: 'fast' } }), [E('task/cpu', '/spec/task/cpu')]],
  ['task/memory', spec({ task: { memory: '1 TB' } }), [E('task/memory', '/spec/task/memory')]],
  [
    'task/fargate-size: memory',
    spec({ task: { cpu: 1024, memory: 1024 } }),
    [E('task/fargate-size', '/spec/task/memory')],
  ],
  ['task/fargate-size: cpu', spec({ task: { cpu: 768 } }), [E('task/fargate-size', '/spec/task/cpu')]],
  [
    'task/fargate-size-required',
    spec({ task: { memory: null } }),
    [E('task/fargate-size-required', '/spec/task/memory')],
  ],
  [
    'task/fargate-network-mode',
    spec({ task: { networkMode: 'host' } }),
    [E('task/fargate-network-mode', '/spec/task/networkMode')],
  ],
  [
    'task/launch-type-conflict: job',
    spec({ task: { launchType: 'EC2', capacityProviderStrategy: [{ capacityProvider: 'asg' }] } }),
    [E('task/launch-type-conflict', '/spec/task/capacityProviderStrategy')],
  ],
  [
    'task/launch-type-conflict: defaults',
    {},
    [E('task/launch-type-conflict', '/spec/defaults/task/capacityProviderStrategy', 'berth.yaml')],
    { spec: { defaults: { task: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] } } } },
  ],
  [
    'task/capacity-provider: duplicate',
    spec({
      task: {
        launchType: null,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }, { capacityProvider: 'FARGATE' }],
      },
    }),
    [E('task/capacity-provider', '/spec/task/capacityProviderStrategy/1')],
  ],
  [
    'task/capacity-provider: two bases',
    spec({
      task: {
        launchType: null,
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1 },
          { capacityProvider: 'FARGATE_SPOT', base: 1 },
        ],
      },
    }),
    [E('task/capacity-provider', '/spec/task/capacityProviderStrategy')],
  ],
  [
    'task/capacity-provider: mixed kinds',
    spec({
      task: {
        launchType: null,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }, { capacityProvider: 'my-asg' }],
      },
    }),
    [E('task/capacity-provider', '/spec/task/capacityProviderStrategy')],
  ],
  [
    'task/platform-version',
    spec({ task: { platformVersion: 'latest' } }),
    [E('task/platform-version', '/spec/task/platformVersion')],
  ],
  [
    'task/fargate-only',
    spec({ task: { launchType: 'EC2', ephemeralStorageGiB: 30, platformVersion: '1.4.0' } }),
    [
      W('task/fargate-only', '/spec/task/ephemeralStorageGiB'),
      W('task/fargate-only', '/spec/task/platformVersion'),
    ],
  ],
  [
    'task/container-memory',
    spec({
      image: null,
      containers: [
        { name: 'a', image: 'x/a:1', memory: 800 },
        { name: 'b', image: 'x/b:1', memoryReservation: 300 },
      ],
    }),
    [E('task/container-memory', '/spec/task/memory')],
  ],
  [
    'task/container-cpu',
    spec({
      image: null,
      containers: [
        { name: 'a', image: 'x/a:1', cpu: 512 },
        { name: 'b', image: 'x/b:1', cpu: 1 },
      ],
    }),
    [E('task/container-cpu', '/spec/task/cpu')],
  ],
  // containers
  [
    'container/memory-required',
    spec({ task: { launchType: 'EC2', networkMode: 'bridge', cpu: null, memory: null } }),
    [E('container/memory-required', '/spec')],
  ],
  [
    'container/memory-reservation',
    spec({ image: null, containers: [{ name: 'a', image: 'x/a:1', memory: 100, memoryReservation: 200 }] }),
    [E('container/memory-reservation', '/spec/containers/0/memoryReservation')],
  ],
  ['container/name', spec({ containerName: 'main app' }), [E('container/name', '/spec/containerName')]],
  [
    'container/duplicate-name',
    spec({
      image: null,
      containers: [
        { name: 'a', image: 'x/a:1' },
        { name: 'a', image: 'x/b:1' },
      ],
    }),
    [E('container/duplicate-name', '/spec/containers/1/name')],
  ],
  [
    'container/essential',
    spec({ image: null, containers: [{ name: 'a', image: 'x/a:1', essential: false }] }),
    [E('container/essential', '/spec/containers')],
  ],
  [
    'container/depends-on: unknown',
    spec({
      image: null,
      containers: [{ name: 'a', image: 'x/a:1', dependsOn: [{ containerName: 'b', condition: 'START' }] }],
    }),
    [E('container/depends-on', '/spec/containers/0/dependsOn/0/containerName')],
  ],
  [
    'container/depends-on: itself',
    spec({
      image: null,
      containers: [{ name: 'a', image: 'x/a:1', dependsOn: [{ containerName: 'a', condition: 'START' }] }],
    }),
    [E('container/depends-on', '/spec/containers/0/dependsOn/0/containerName')],
  ],
  [
    'container/depends-on-cycle',
    spec({
      image: null,
      containers: [
        { name: 'a', image: 'x/a:1', dependsOn: [{ containerName: 'c', condition: 'START' }] },
        { name: 'b', image: 'x/b:1', dependsOn: [{ containerName: 'a', condition: 'START' }] },
        { name: 'c', image: 'x/c:1', dependsOn: [{ containerName: 'b', condition: 'START' }] },
      ],
    }),
    [E('container/depends-on-cycle', '/spec/containers/0/dependsOn')],
  ],
  [
    'spec/image-or-containers: both',
    spec({ containers: [{ name: 'a', image: 'x/a:1' }] }),
    [E('spec/image-or-containers', '/spec/containers')],
  ],
  ['spec/image-or-containers: neither', spec({ image: null }), [E('spec/image-or-containers', '/spec')]],
  [
    'spec/shorthand-field',
    spec({ image: null, entryPoint: ['sh'], containers: [{ name: 'a', image: 'x/a:1' }] }),
    [E('spec/shorthand-field', '/spec/entryPoint')],
  ],
  [
    'logging/firelens-router: missing',
    spec({ logging: { driver: 'awsfirelens' } }),
    [E('logging/firelens-router', '/spec/logging/driver')],
  ],
  [
    'logging/firelens-router: two',
    spec({
      image: null,
      containers: [
        { name: 'a', image: 'x/a:1', firelensConfiguration: { type: 'fluentbit' } },
        { name: 'b', image: 'x/b:1', firelensConfiguration: { type: 'fluentd' } },
      ],
    }),
    [E('logging/firelens-router', '/spec/containers/1/firelensConfiguration')],
  ],
  [
    'logging/group: placeholder',
    spec({ logging: { group: '/berth/{team}/{job}' } }),
    [E('logging/group', '/spec/logging/group')],
  ],
  [
    'logging/group: characters',
    spec({ logging: { group: '/berth/my job' } }),
    [E('logging/group', '/spec/logging/group')],
  ],
  ['logging/region', spec({ logging: { region: 'Europe' } }), [E('logging/region', '/spec/logging/region')]],
  // run overrides and placeholders
  ['run/container', spec({ run: { container: 'main' } }), [E('run/container', '/spec/run/container')]],
  [
    'run/containers',
    spec({ run: { containers: { sidecar: { command: ['x'] } } } }),
    [E('run/containers', '/spec/run/containers/sidecar')],
  ],
  [
    'run/placeholder: command',
    spec({ run: { command: ['go', '<aws.scheduler.scheduled-date>'] } }),
    [E('run/placeholder', '/spec/run/command/1')],
  ],
  [
    'run/placeholder: environment',
    spec({ run: { containers: { job: { environment: { AT: 'x=<aws.scheduler.time>' } } } } }),
    [E('run/placeholder', '/spec/run/containers/job/environment/AT')],
  ],
  [
    'run/placeholder-in-task: command',
    spec({ command: ['go', '<aws.scheduler.scheduled-time>'] }),
    [E('run/placeholder-in-task', '/spec/command/1')],
  ],
  [
    'run/placeholder-in-task: environment',
    spec({ environment: { AT: '<aws.scheduler.execution-id>' } }),
    [E('run/placeholder-in-task', '/spec/environment/AT')],
  ],
  // schedules
  [
    'schedule/expression',
    spec({ schedule: { expression: 'daily' } }),
    [E('schedule/expression', '/spec/schedule/expression')],
  ],
  [
    'cron/fields',
    spec({ schedule: { expression: 'cron(0 3 * * *)' } }),
    [E('cron/fields', '/spec/schedule/expression')],
  ],
  [
    'cron/day-fields',
    spec({ schedule: { expression: 'cron(0 3 * * * *)' } }),
    [E('cron/day-fields', '/spec/schedule/expression')],
  ],
  [
    'cron/value',
    spec({ schedule: { expression: 'cron(0 3 * 13 ? *)' } }),
    [E('cron/value', '/spec/schedule/expression')],
  ],
  [
    'cron/reversed-range',
    spec({ schedule: { expression: 'cron(0 22-2 * * ? *)' } }),
    [W('cron/reversed-range', '/spec/schedule/expression')],
  ],
  [
    'schedule/rate',
    spec({ schedule: { expression: 'rate(3 hour)' } }),
    [E('schedule/rate', '/spec/schedule/expression')],
  ],
  [
    'schedule/at',
    spec({ schedule: { expression: 'at(2027-04-31T00:00:00)' } }),
    [E('schedule/at', '/spec/schedule/expression')],
  ],
  [
    'schedule/at-past',
    spec({ schedule: { expression: 'at(2026-05-31T23:00:00)' } }),
    [W('schedule/at-past', '/spec/schedule/expression')],
  ],
  [
    'schedule/at-past: not when disabled',
    spec({ schedule: { expression: 'at(2026-05-31T23:00:00)', state: 'DISABLED' } }),
    [],
  ],
  [
    'schedule/timezone: job',
    spec({ schedule: { timezone: 'Tokyo' } }),
    [E('schedule/timezone', '/spec/schedule/timezone')],
  ],
  [
    'schedule/timezone: defaults',
    {},
    [E('schedule/timezone', '/spec/defaults/schedule/timezone', 'berth.yaml')],
    { spec: { defaults: { schedule: { timezone: 'UTC+9' } } } },
  ],
  [
    'schedule/date',
    spec({ schedule: { endDate: '31/12/2027' } }),
    [E('schedule/date', '/spec/schedule/endDate')],
  ],
  [
    'schedule/date-order',
    spec({ schedule: { startDate: '2027-01-02T00:00:00', endDate: '2027-01-01T23:00:00' } }),
    [E('schedule/date-order', '/spec/schedule/endDate')],
  ],
  // 08:00 in Tokyo is 23:00 UTC the day before: before the end, though 08:00 UTC would not be
  [
    'schedule/date-order: dates without offset are read in the time zone',
    spec({
      schedule: { timezone: 'Asia/Tokyo', startDate: '2027-01-01T08:00:00', endDate: '2027-01-01T05:00:00Z' },
    }),
    [],
  ],
  [
    'schedule/ended',
    spec({ schedule: { endDate: '2026-05-01T00:00:00Z' } }),
    [W('schedule/ended', '/spec/schedule/endDate')],
  ],
  [
    'schedule/action-after-completion',
    spec({ schedule: { actionAfterCompletion: 'DELETE' } }),
    [E('schedule/action-after-completion', '/spec/schedule/actionAfterCompletion')],
  ],
  [
    'schedule/dead-letter-arn',
    spec({ schedule: { deadLetterQueueArn: 'arn:aws:sns:us-east-1:123456789012:topic' } }),
    [E('schedule/dead-letter-arn', '/spec/schedule/deadLetterQueueArn')],
  ],
  [
    'schedule/role-required',
    {},
    [E('schedule/role-required', '/spec/schedule')],
    { spec: { schedulerRoleArn: null } },
  ],
  [
    'schedule/role-required: not without a schedule',
    spec({ schedule: null }),
    [],
    { spec: { schedulerRoleArn: null } },
  ],
  // network
  [
    'network/subnet',
    spec({ run: { subnets: ['subnet-0A1B2C3D'] } }),
    [E('network/subnet', '/spec/run/subnets/0')],
  ],
  [
    'network/security-group',
    {},
    [E('network/security-group', '/spec/defaults/network/securityGroups/0', 'berth.yaml')],
    { spec: { defaults: { network: { securityGroups: ['web'] } } } },
  ],
  [
    'network/required: subnets',
    spec({ run: { subnets: null } }),
    [E('network/required', '/spec/run/subnets')],
  ],
  [
    'network/required: security groups',
    spec({ run: { securityGroups: null } }),
    [E('network/required', '/spec/run/securityGroups')],
  ],
  [
    'network/not-awsvpc',
    spec({
      task: { launchType: 'EC2', networkMode: 'bridge' },
      run: { subnets: ['subnet-0b2c3d4e5f6071829'] },
    }),
    [W('network/not-awsvpc', '/spec/run/subnets')],
  ],
  [
    'network/assign-public-ip',
    spec({ task: { launchType: 'EC2' }, run: { assignPublicIp: true } }),
    [E('network/assign-public-ip', '/spec/run/assignPublicIp')],
  ],
  // secrets and environment
  [
    'secrets/reference',
    spec({ secrets: { DB_PASSWORD: 'hunter2' } }),
    [E('secrets/reference', '/spec/secrets/DB_PASSWORD')],
  ],
  [
    'secrets/reference: ARN of another service',
    spec({ secrets: { KEY: 'arn:aws:kms:us-east-1:123456789012:key/abc' } }),
    [E('secrets/reference', '/spec/secrets/KEY')],
  ],
  [
    'secrets/plaintext: by name',
    spec({ environment: { GITHUB_TOKEN: 'ghp_abc' } }),
    [W('secrets/plaintext', '/spec/environment/GITHUB_TOKEN')],
  ],
  [
    'secrets/plaintext: credentials in a URL',
    spec({ environment: { SOURCE: 'mysql://etl:pw@db:3306/x' } }),
    [W('secrets/plaintext', '/spec/environment/SOURCE')],
  ],
  [
    'secrets/plaintext: in run overrides',
    spec({ run: { environment: { API_KEY: 'abc123' } } }),
    [W('secrets/plaintext', '/spec/run/environment/API_KEY')],
  ],
  [
    'secrets/plaintext: in log options',
    spec({
      logging: { driver: 'awsfirelens', options: { Splunk_Token: 'abc' } },
      image: null,
      containers: [{ name: 'r', image: 'x/r:1', firelensConfiguration: { type: 'fluentbit' } }],
    }),
    [W('secrets/plaintext', '/spec/logging/options/Splunk_Token')],
  ],
  [
    'secrets/env-conflict',
    spec({ environment: { DB_USER: 'etl' }, secrets: { DB_USER: '/etl/db/user' } }),
    [E('secrets/env-conflict', '/spec/secrets/DB_USER')],
  ],
  // images
  ['image/reference', spec({ image: 'example/app:' }), [E('image/reference', '/spec/image')]],
  ['image/unpinned: latest', spec({ image: 'example/app:latest' }), [W('image/unpinned', '/spec/image')]],
  ['image/unpinned: no tag', spec({ image: 'example/app' }), [W('image/unpinned', '/spec/image')]],
  // tags
  [
    'tags/reserved-prefix: aws',
    spec({ tags: { 'AWS:x': 'y' } }),
    [E('tags/reserved-prefix', '/spec/tags/AWS:x')],
  ],
  [
    'tags/reserved-prefix: berth',
    {},
    [E('tags/reserved-prefix', '/spec/tags/berth:team', 'berth.yaml')],
    { spec: { tags: { 'berth:team': 'x' } } },
  ],
  [
    'tags/characters',
    spec({ run: { tags: { team: 'data|eng' } } }),
    [E('tags/characters', '/spec/run/tags/team')],
  ],
  [
    'tags/count: task definition',
    spec({ tags: Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`t${i}`, 'v'])) }),
    [E('tags/count', '/spec/tags')],
  ],
  [
    'tags/count: schedule group',
    spec({ tags: null }),
    [E('tags/count', '/spec/tags', 'berth.yaml'), E('tags/count', '/spec/tags')],
    { spec: { tags: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`t${i}`, 'v'])) } },
  ],
];

describe('semantic rules', () => {
  it.each(cases)('%s', (_name, jobPatch, expected, configPatch) => {
    expect(short(check(jobPatch, configPatch ?? {}))).toEqual(expected);
  });

  it('name/duplicate points at the second definition and back at the first', () => {
    const ds = check({}, {}, [{ spec: { schedule: null } }]);
    expect(short(ds)).toEqual([E('name/duplicate', '/metadata/name')]);
    expect(ds[0]!.line).toBeGreaterThan(5);
    expect(ds[0]!.message).toContain('already used by jobs/job.yaml:');
  });
});

describe('what the rules leave alone', () => {
  it('a job strategy over a default launch type is not a conflict (the job wins)', () => {
    expect(
      check(spec({ task: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] } })),
    ).toEqual([]);
  });

  it('secret-looking names holding references or placeholders are not plaintext', () => {
    expect(
      check(
        spec({
          environment: {
            DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:x',
            TOKEN_PATH: '/etl/token',
          },
          run: { environment: { TOKEN: '<aws.scheduler.execution-id>' } },
        }),
      ),
    ).toEqual([]);
  });

  it('an EC2 bridge job does not need subnets, nor task-level size', () => {
    expect(
      check(
        spec({
          task: { launchType: 'EC2', networkMode: 'bridge', cpu: null, memory: null },
          image: null,
          containers: [{ name: 'a', image: 'x/a:1', memoryReservation: 128 }],
        }),
      ),
    ).toEqual([]);
  });

  it('an unscheduled job needs neither a role nor a network', () => {
    expect(
      check(spec({ schedule: null, run: { subnets: null, securityGroups: null } }), {
        spec: { schedulerRoleArn: null },
      }),
    ).toEqual([]);
  });

  it('a bad default is reported once, in berth.yaml, however many jobs use it', () => {
    const ds = check({}, { spec: { defaults: { network: { subnets: ['nope'] } } } }, [
      { metadata: { name: 'other' } },
    ]);
    expect(short(ds)).toEqual([E('network/subnet', '/spec/defaults/network/subnets/0', 'berth.yaml')]);
  });

  it('names where an inherited value comes from', () => {
    const [d] = check({}, { spec: { defaults: { task: { memory: 4096, cpu: 256 } } } });
    expect(d).toMatchObject({
      rule: 'task/fargate-size',
      file: 'jobs/job.yaml',
      pointer: '/spec/task/memory',
    });
    expect(d!.message).toMatch(/inherited from berth\.yaml:\d+:\d+, spec\.defaults\.task\.memory/);
  });

  it('never echoes a plaintext secret', () => {
    const ds = check(
      spec({ environment: { DB_PASSWORD: 's3cr3t-value' }, secrets: { API_KEY: 'another-s3cr3t' } }),
    );
    expect(ds.length).toBe(2);
    expect(JSON.stringify(ds)).not.toMatch(/s3cr3t/);
  });
});
