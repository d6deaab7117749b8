// N realistic scheduled ETL jobs, written two ways: a berth repository (berth.yaml + jobs/*.yaml)
// and the equivalent ecschedule configuration (one EventBridge rule per job, same schedule,
// same task-definition family, same container command and environment).
import { ACCOUNT, REGION } from './direct-aws.js';

export const OWNER = 'bench-etl';
export const PREFIX = 'bench-';
export const GROUP = 'berth-bench';
export const CLUSTER = 'etl';
export const SUBNETS = ['subnet-0a1b2c3d4e5f60718', 'subnet-0b2c3d4e5f6071829'];
export const SECURITY_GROUPS = ['sg-0c3d4e5f60718293a'];

const KINDS = [
  'sales-load',
  'events-compact',
  'fx-rates',
  'report-mail',
  'dwh-refresh',
  'ml-features',
  'export-s3',
  'cleanup',
];
const SIZES: [number, number][] = [
  [256, 512],
  [512, 1024],
  [1024, 2048],
  [2048, 4096],
];

export interface BenchJob {
  name: string;
  kind: string;
  tag: string;
  expression: string;
  cpu: number;
  memory: number;
  environment: Record<string, string>;
  secrets: Record<string, string>;
  /** One job in twenty carries a log-router sidecar. */
  sidecar: boolean;
}

export function makeJobs(n: number): BenchJob[] {
  return Array.from({ length: n }, (_, k) => makeJob(k + 1));
}

function makeJob(i: number): BenchJob {
  const kind = KINDS[i % KINDS.length]!;
  const [cpu, memory] = SIZES[i % SIZES.length]!;
  const minute = i % 60;
  const hour = Math.floor(i / 60) % 24;
  const every = (i % 6) + 1;
  const expression =
    i % 10 === 0
      ? `rate(${every} ${every === 1 ? 'hour' : 'hours'})`
      : i % 5 === 0
        ? `cron(${minute} ${hour} ? * MON-FRI *)`
        : `cron(${minute} ${hour} * * ? *)`;
  return {
    name: `${kind}-${String(i).padStart(4, '0')}`,
    kind,
    tag: `2024.06.${i % 7}`,
    expression,
    cpu,
    memory,
    environment: {
      PIPELINE: kind,
      WAREHOUSE_SCHEMA: `schema_${i % 13}`,
      BATCH_SIZE: String(1000 * ((i % 5) + 1)),
      ...(i % 3 === 0 ? { OUTPUT_BUCKET: `acme-${kind}-out` } : {}),
    },
    secrets:
      i % 2 === 0
        ? { WAREHOUSE_PASSWORD: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/etl/warehouse/password` }
        : {},
    sidecar: i % 20 === 0,
  };
}

export function image(job: BenchJob): string {
  return `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${job.kind}:${job.tag}`;
}

export function command(job: BenchJob): string[] {
  return [job.kind, '--scheduled-time', '<aws.scheduler.scheduled-time>'];
}

export interface RepoSettings {
  /** berth.yaml spec.keepRevisions (default 3). */
  keepRevisions?: number;
}

export function configYaml(settings: RepoSettings = {}): string {
  return `apiVersion: berth/v1
kind: Config
metadata:
  name: ${OWNER}
spec:
  region: ${REGION}
  cluster: ${CLUSTER}
  namePrefix: ${PREFIX}
  scheduleGroup: ${GROUP}
  schedulerRoleArn: arn:aws:iam::${ACCOUNT}:role/berth-scheduler
  keepRevisions: ${settings.keepRevisions ?? 3}
  prune:
    enabled: true
    maxDeleteFraction: 0.34
  tags:
    team: data-platform
    cost-center: analytics
  defaults:
    task:
      launchType: FARGATE
      platformVersion: 1.4.0
      executionRoleArn: arn:aws:iam::${ACCOUNT}:role/etl-task-execution
      taskRoleArn: arn:aws:iam::${ACCOUNT}:role/etl-task
    network:
      subnets: [${SUBNETS.join(', ')}]
      securityGroups: [${SECURITY_GROUPS.join(', ')}]
      assignPublicIp: false
    logging:
      driver: awslogs
      group: /berth/{prefix}{job}
    schedule:
      timezone: UTC
      retry:
        maximumEventAgeInSeconds: 3600
        maximumRetryAttempts: 2
    run:
      propagateTags: TASK_DEFINITION
`;
}

export function jobYaml(job: BenchJob): string {
  const map = (m: Record<string, string>, indent: string) =>
    Object.entries(m)
      .map(([k, v]) => `${indent}${k}: ${JSON.stringify(v)}`)
      .join('\n');
  const env = map(job.environment, '    ');
  const secrets = Object.keys(job.secrets).length ? `\n  secrets:\n${map(job.secrets, '    ')}` : '';
  const main = job.sidecar
    ? `  containers:
    - name: ${job.kind}
      image: ${image(job)}
      memoryReservation: ${job.memory - 128}
      environment:
${map(job.environment, '        ')}
    - name: log-router
      image: public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2
      essential: true
      memoryReservation: 64
      firelensConfiguration:
        type: fluentbit`
    : `  image: ${image(job)}
  containerName: ${job.kind}
  environment:
${env}${secrets}`;
  return `apiVersion: berth/v1
kind: Job
metadata:
  name: ${job.name}
  description: ${job.kind} batch ${job.name}
spec:
${main}
  task:
    cpu: ${job.cpu}
    memory: ${job.memory}
  schedule:
    expression: ${job.expression}
  run:
    command: ${JSON.stringify(command(job))}
`;
}

/** ecschedule's YAML: the same jobs as classic EventBridge rules targeting the same families. */
export function ecscheduleYaml(jobs: readonly BenchJob[]): string {
  const rules = jobs.map(
    (job) => `- name: ${PREFIX}${job.name}
  description: ${job.kind} batch ${job.name}
  scheduleExpression: ${job.expression}
  taskDefinition: ${PREFIX}${job.name}
  launch_type: FARGATE
  platform_version: 1.4.0
  network_configuration:
    aws_vpc_configuration:
      subnets: [${SUBNETS.join(', ')}]
      security_groups: [${SECURITY_GROUPS.join(', ')}]
      assign_public_ip: DISABLED
  propagateTags: TASK_DEFINITION
  containerOverrides:
  - name: ${job.kind}
    command: ${JSON.stringify(command(job))}
`,
  );
  return `region: ${REGION}
cluster: ${CLUSTER}
role: berth-scheduler
trackingId: ${OWNER}
rules:
${rules.join('')}`;
}

/** A change a person makes to one job: a new schedule time, or a new image. */
export function changed(job: BenchJob, what: 'schedule' | 'image', rep: number): BenchJob {
  if (what === 'image') return { ...job, tag: `2024.07.${rep}` };
  return { ...job, expression: `cron(${(rep * 7) % 60} ${(rep % 20) + 2} * * ? *)` };
}
