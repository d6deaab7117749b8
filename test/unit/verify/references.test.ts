// Which references a desired state has, and where each is written (the job file or berth.yaml).
import { describe, expect, it } from 'vitest';
import { renderDesired } from '../../../src/desired/index.js';
import { validateDocuments } from '../../../src/manifests/index.js';
import { collectReferences } from '../../../src/verify/references.js';
import { renderVerifyText } from '../../../src/verify/format.js';
import type { VerifyReport } from '../../../src/verify/types.js';

const CONFIG = `apiVersion: berth/v1
kind: Config
metadata: { name: refs }
spec:
  region: us-east-1
  cluster: etl
  namePrefix: etl-
  scheduleGroup: berth-refs
  schedulerRoleArn: arn:aws:iam::123456789012:role/berth-scheduler
  defaults:
    task:
      cpu: 256
      memory: 512
      executionRoleArn: arn:aws:iam::123456789012:role/exec
    network:
      subnets: [subnet-0a1b2c3d4e5f60718]
      securityGroups: [sg-0c3d4e5f60718293a]
    logging:
      group: /etl/{job}
    schedule:
      deadLetterQueueArn: arn:aws:sqs:us-east-1:123456789012:dlq
`;

const JOB = `apiVersion: berth/v1
kind: Job
metadata: { name: a }
spec:
  containers:
    - name: main
      image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:1
      secrets: { TOKEN: /etl/token }
      logging: { group: /own/main }
    - name: side
      image: busybox:1
      essential: false
  task:
    taskRoleArn: arn:aws:iam::123456789012:role/task
  schedule:
    expression: rate(1 hour)
  run:
    cluster: other
    subnets: [subnet-0b2c3d4e5f6071829]
`;

const UNSCHEDULED = `apiVersion: berth/v1
kind: Job
metadata: { name: b }
spec:
  image: busybox:1
`;

function refs(targets?: string[]) {
  const load = validateDocuments({
    config: { path: 'berth.yaml', content: CONFIG },
    jobFiles: [
      { path: 'jobs/a.yaml', content: JOB },
      { path: 'jobs/b.yaml', content: UNSCHEDULED },
    ],
  });
  const { state } = renderDesired(load.config!, load.jobs);
  return collectReferences({
    desired: state,
    config: load.config!,
    configFile: 'berth.yaml',
    jobs: load.jobs,
    ...(targets ? { targets } : {}),
  });
}

describe('collectReferences', () => {
  it('finds every reference and the place it is written', () => {
    const lines = refs().map((r) => {
      const t = r.target;
      const value =
        'arn' in t
          ? t.arn
          : 'image' in t
            ? t.image
            : 'valueFrom' in t
              ? t.valueFrom
              : 'name' in t
                ? `${t.name} create=${t.createGroup}`
                : [...t.subnets, ...t.securityGroups].join(',');
      return `${r.job ?? '-'} ${t.kind} ${value} @ ${r.locations.map((l) => `${l.file}#${l.field}`).join(' + ')}`;
    });
    expect(lines).toEqual([
      '- cluster arn:aws:ecs:us-east-1:123456789012:cluster/etl @ berth.yaml#spec.cluster',
      '- role arn:aws:iam::123456789012:role/berth-scheduler @ berth.yaml#spec.schedulerRoleArn',
      'a role arn:aws:iam::123456789012:role/task @ jobs/a.yaml#spec.task.taskRoleArn',
      'a role arn:aws:iam::123456789012:role/exec @ berth.yaml#spec.defaults.task.executionRoleArn',
      'a image 123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:1 @ jobs/a.yaml#spec.containers[0].image',
      'a secret /etl/token @ jobs/a.yaml#spec.containers[0].secrets.TOKEN',
      'a logGroup /own/main create=false @ jobs/a.yaml#spec.containers[0].logging.group',
      'a image busybox:1 @ jobs/a.yaml#spec.containers[1].image',
      'a logGroup /etl/a create=false @ berth.yaml#spec.defaults.logging.group',
      'a cluster arn:aws:ecs:us-east-1:123456789012:cluster/other @ jobs/a.yaml#spec.run.cluster',
      'a network subnet-0b2c3d4e5f6071829,sg-0c3d4e5f60718293a @ jobs/a.yaml#spec.run.subnets + berth.yaml#spec.defaults.network.securityGroups',
      'a queue arn:aws:sqs:us-east-1:123456789012:dlq @ berth.yaml#spec.defaults.schedule.deadLetterQueueArn',
      'b role arn:aws:iam::123456789012:role/exec @ berth.yaml#spec.defaults.task.executionRoleArn',
      'b image busybox:1 @ jobs/b.yaml#spec.image',
      'b logGroup /etl/b create=false @ berth.yaml#spec.defaults.logging.group',
    ]);
  });

  it('keeps to the targeted jobs, and the repository-level references', () => {
    expect(new Set(refs(['b']).map((r) => r.job ?? '-'))).toEqual(new Set(['-', 'b']));
  });
});

describe('renderVerifyText', () => {
  const report: VerifyReport = {
    findings: [
      {
        kind: 'queue',
        subject: 'arn:aws:sqs:us-east-1:123456789012:dlq',
        status: 'failed',
        message: 'dead-letter queue arn:aws:sqs:us-east-1:123456789012:dlq does not exist',
        fix: 'create it',
        jobs: ['a', 'b'],
        locations: [{ file: 'berth.yaml', field: 'spec.defaults.schedule.deadLetterQueueArn' }],
      },
      {
        kind: 'cluster',
        subject: 'c',
        status: 'ok',
        message: 'cluster c exists',
        jobs: [],
        locations: [{ file: 'berth.yaml', field: 'spec.cluster' }],
      },
      {
        kind: 'role',
        subject: 'r',
        status: 'unknown',
        message: 'could not check r: access denied',
        jobs: ['a'],
        locations: [{ file: 'jobs/a.yaml', field: 'spec.task.taskRoleArn' }],
      },
    ],
    summary: { ok: 1, failed: 1, 'not-checked': 0, unknown: 1 },
    ok: false,
    calls: {},
  };

  it('puts failures first with jobs, place and fix; lists what is fine only when asked', () => {
    expect(renderVerifyText(report))
      .toBe(`✗ dead-letter queue: dead-letter queue arn:aws:sqs:us-east-1:123456789012:dlq does not exist
    jobs a, b — berth.yaml spec.defaults.schedule.deadLetterQueueArn
    fix: create it
? role: could not check r: access denied
    job a — jobs/a.yaml spec.task.taskRoleArn
Verify failed: 1 ok, 1 failed, 1 could not be checked.
`);
    expect(renderVerifyText(report, { verbose: true })).toContain(
      '✓ cluster: cluster c exists\n    repository — berth.yaml spec.cluster\n',
    );
  });
});
