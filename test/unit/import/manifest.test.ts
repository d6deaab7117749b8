// Live job → manifest: what the defaults say is left out, what they say differently is written
// (null to drop a default), and the YAML read back renders to exactly what is live.
import { describe, expect, it } from 'vitest';
import { importCandidate } from '../../../src/import/convert.js';
import type { LiveScheduleDescription } from '../../../src/model/aws-types.js';
import { context, EXEC, IMAGE, schedule, source, taskDefinition } from './support.js';

const HEADER =
  '# Imported by `berth import` from task definition etl-sales:3 and schedule default/etl-sales-nightly.\n';

describe('importCandidate', () => {
  it('leaves out everything the repository defaults already say', () => {
    const job = importCandidate(source(), context());
    expect([job.outcome, job.changes, job.notes]).toEqual(['written', [], []]);
    expect(job.file).toBe('jobs/sales.yaml');
    expect(job.yaml).toBe(`${HEADER}apiVersion: berth/v1
kind: Job
metadata:
  name: sales
spec:
  image: ${IMAGE}
  command: [run]
  environment:
    BATCH: '500'
    STAGE: prod
  secrets:
    DB_PASSWORD: arn:aws:ssm:us-east-1:123456789012:parameter/etl/db
  schedule:
    expression: cron(0 3 * * ? *)
`);
  });

  it('drops defaults the live job does not have with null, and still round-trips exactly', () => {
    const td = taskDefinition('etl-sales', { runtimePlatform: undefined, cpu: '256', memory: '2048' });
    const log = td.containerDefinitions![0]!.logConfiguration!;
    delete log.options!['awslogs-create-group'];
    const sched = schedule('etl-sales', { ScheduleExpressionTimezone: 'UTC' });
    delete sched.Target!.EcsParameters!.PropagateTags;
    delete sched.Target!.EcsParameters!.PlatformVersion;
    sched.Target!.RetryPolicy = { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 };
    const job = importCandidate(source(td, sched, { owner: 'alice' }), context());
    expect(job.changes).toEqual([]);
    expect(job.outcome).toBe('written');
    expect(job.yaml).toContain(`  logging:
    createGroup: false
  task:
    cpu: 0.25 vCPU
    memory: 2 GB
    platformVersion: null
    runtimePlatform: null
  schedule:
    expression: cron(0 3 * * ? *)
    timezone: UTC
    retry:
      maximumEventAgeInSeconds: 86400
      maximumRetryAttempts: 185
  run:
    propagateTags: NONE
  tags:
    owner: alice
    team: null
`);
  });

  it('says launch type and network mode of an EC2 job, and a capacity provider strategy', () => {
    const ec2 = taskDefinition('etl-ec2', { networkMode: 'bridge', requiresCompatibilities: ['EC2'] });
    const onEc2 = schedule('etl-ec2');
    const ecs = onEc2.Target!.EcsParameters!;
    ecs.LaunchType = 'EC2';
    delete ecs.NetworkConfiguration;
    delete ecs.PlatformVersion;
    const a = importCandidate(source(ec2, onEc2), context());
    expect(a.changes).toEqual([]);
    expect(a.yaml).toContain('  task:\n    launchType: EC2\n    networkMode: bridge\n');
    expect(a.yaml).not.toContain('subnets');

    const spot = schedule();
    delete spot.Target!.EcsParameters!.LaunchType;
    spot.Target!.EcsParameters!.CapacityProviderStrategy = [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }];
    const b = importCandidate(source(taskDefinition(), spot), context());
    expect(b.changes).toEqual([]);
    expect(b.yaml).toContain(`  task:
    launchType: null
    capacityProviderStrategy:
      - capacityProvider: FARGATE_SPOT
        weight: 1
`);
  });

  it('keeps several containers, shares their logging once, maps overrides to run', () => {
    const td = taskDefinition('etl-pair');
    const main = td.containerDefinitions![0]!;
    main.name = 'app';
    main.logConfiguration!.options!['awslogs-stream-prefix'] = 'pair';
    const side = {
      ...structuredClone(main),
      name: 'sidecar',
      essential: false,
      memoryReservation: 64,
      environment: [],
      secrets: [],
      dependsOn: [],
      dockerLabels: { 'com.example/Team': 'data' },
    };
    td.containerDefinitions!.push(side);
    const input = {
      containerOverrides: [
        { name: 'app', command: ['run', '--at', '<aws.scheduler.scheduled-time>'] },
        { name: 'sidecar', environment: [{ name: 'ATTEMPT', value: '<aws.scheduler.attempt-number>' }] },
      ],
      taskRoleArn: 'arn:aws:iam::123456789012:role/other',
    };
    const sched = schedule('etl-pair', {
      Target: { ...schedule('etl-pair').Target!, Input: JSON.stringify(input) },
    });
    const job = importCandidate(source(td, sched), context({ allowChanges: true }));
    expect(job.yaml).toContain(`spec:
  containers:
    - name: app
      image: ${IMAGE}
      command: [run]
      environment:
        BATCH: '500'
        STAGE: prod
      secrets:
        DB_PASSWORD: arn:aws:ssm:us-east-1:123456789012:parameter/etl/db
    - name: sidecar
      image: ${IMAGE}
      essential: false
      command: [run]
      memoryReservation: 64
      dockerLabels:
        com.example/Team: data
`);
    expect(job.yaml).toContain(`  run:
    command: [run, --at, <aws.scheduler.scheduled-time>]
    containers:
      sidecar:
        environment:
          ATTEMPT: <aws.scheduler.attempt-number>
`);
    expect(job.notes).toEqual(["Target.Input overrides taskRoleArn: berth's run section has no such field"]);
    // What cannot be said shows as the change it would be.
    expect(job.changes).toEqual([
      'schedule - /Target/Input/taskRoleArn: "arn:aws:iam::123456789012:role/other"',
    ]);
  });

  it('refuses a job the first apply would change, unless told to write it anyway', () => {
    const td = taskDefinition();
    const c = td.containerDefinitions![0]!;
    c.portMappings = [{ containerPort: 8080, protocol: 'tcp' }];
    c.healthCheck = { command: ['CMD', 'true'] };
    const blocked = importCandidate(source(td), context());
    expect(blocked.outcome).toBe('blocked');
    expect(blocked.reason).toBe(
      'the first apply would change 5 field(s) (listed below); pass --allow-changes to write it anyway',
    );
    expect(blocked.notes).toEqual([
      'container sales: healthCheck, portMappings: a berth manifest cannot say this; it is not imported',
    ]);
    expect(blocked.changes).toEqual([
      'task definition - /containerDefinitions/sales/healthCheck/command: ["CMD","true"]',
      'task definition - /containerDefinitions/sales/healthCheck/interval: 30',
      'task definition - /containerDefinitions/sales/healthCheck/retries: 3',
      'task definition - /containerDefinitions/sales/healthCheck/timeout: 5',
      'task definition - /containerDefinitions/sales/portMappings: [{"containerPort":8080,"hostPort":8080}]',
    ]);
    expect(importCandidate(source(td), context({ allowChanges: true })).outcome).toBe('written');
  });

  it('skips another installation’s family and a job the repository already has elsewhere', () => {
    const foreign = importCandidate(
      source(taskDefinition(), schedule(), { 'berth:managed-by': 'berth', 'berth:owner': 'other' }),
      context(),
    );
    expect([foreign.outcome, foreign.reason]).toEqual([
      'skipped',
      'family etl-sales belongs to berth installation "other"',
    ]);
    const taken = importCandidate(
      source(),
      context({ existing: new Map([['sales', 'jobs/etl/sales.yaml']]) }),
    );
    expect([taken.outcome, taken.reason]).toEqual([
      'skipped',
      'job sales is already defined in jobs/etl/sales.yaml',
    ]);
    // The same file is fine: re-running an import compares the file itself.
    expect(
      importCandidate(source(), context({ existing: new Map([['sales', 'jobs/sales.yaml']]) })).outcome,
    ).toBe('written');
  });

  it('says when a family is outside namePrefix, and names plain-text secrets without their value', () => {
    const td = taskDefinition('legacy-report');
    td.containerDefinitions![0]!.environment!.push({ name: 'API_SECRET', value: 'hunter2' });
    const job = importCandidate(source(td, null, {}), context({ allowChanges: true }));
    expect(job.name).toBe('legacy-report');
    expect(job.notes.join('\n')).toContain(
      'does not start with namePrefix "etl-": berth would manage this job as a new family etl-legacy-report',
    );
    expect(job.notes.join('\n')).toContain('environment API_SECRET looks like a secret in plain text');
    expect(job.notes.join('\n')).not.toContain('hunter2');
    expect(job.changes).toContain('task definition ~ /family: "legacy-report" → "etl-legacy-report"');
    expect(job.changes.join('\n')).not.toContain('hunter2');
  });

  it('writes schedule dates in the schedule’s zone and the description as the job’s', () => {
    const sched: LiveScheduleDescription = schedule('etl-sales', {
      StartDate: new Date('2026-03-31T15:00:00Z'),
      Description: 'Nightly sales',
      State: 'DISABLED',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
    });
    const job = importCandidate(source(taskDefinition(), sched), context());
    expect(job.changes).toEqual([]);
    expect(job.yaml).toContain('metadata:\n  name: sales\n  description: Nightly sales\n');
    expect(job.yaml).toContain(`  schedule:
    expression: cron(0 3 * * ? *)
    state: DISABLED
    startDate: 2026-04-01T00:00:00+09:00
    flexibleWindowMinutes: 15
`);
  });

  it('validates what it writes: a manifest the loader refuses is not written', () => {
    const td = taskDefinition('etl-sales', { executionRoleArn: undefined });
    const job = importCandidate(source(td), context({ allowChanges: true }));
    expect(job.outcome).toBe('blocked');
    expect(job.yaml).toContain('    executionRoleArn: null\n');
    expect(job.reason).toContain('the manifest does not validate: /spec/task/executionRoleArn');
  });

  it('keeps the execution role written when it differs from the default', () => {
    const td = taskDefinition('etl-sales', { executionRoleArn: EXEC.replace('exec', 'other-exec') });
    expect(importCandidate(source(td), context()).yaml).toContain(
      '    executionRoleArn: arn:aws:iam::123456789012:role/other-exec\n',
    );
  });
});
