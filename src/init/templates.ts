// The files `berth init` writes, as text: commented like the example repository, so a newcomer
// reads what each field does where they will edit it. Pure.
import { stringify } from 'yaml';
import type { InitAnswers } from './answers.js';

/** One YAML scalar, quoted only when YAML needs it. */
const s = (v: string): string => stringify(v).trimEnd();
const list = (items: readonly string[], indent: string): string =>
  items.map((i) => `${indent}- ${s(i)}`).join('\n');

export const CONFIG_MODELINE = '# yaml-language-server: $schema=./schemas/config.schema.json';
export const JOB_MODELINE = '# yaml-language-server: $schema=../schemas/job.schema.json';
export const EXAMPLE_JOB = 'hello';
/** Where a newcomer who installed the package (and has no clone) reads the reference pages. */
export const DOCS_URL = 'https://github.com/berth-dev/berth/blob/main/docs/';

export function configYaml(a: InitAnswers): string {
  const lines = [
    CONFIG_MODELINE,
    '# berth configuration: where the jobs run and the defaults every job in jobs/ starts from',
    '# (a job’s own fields win; lists replace, maps merge). Every field:',
    `# ${DOCS_URL}manifest-reference.md`,
    'apiVersion: berth/v1',
    'kind: Config',
    'metadata:',
    '  # The ownership id: tagged on every resource berth creates for this repository.',
    `  name: ${s(a.name)}`,
    'spec:',
    ...(a.region
      ? [`  region: ${s(a.region)}`]
      : ['  # region: us-east-1   # default: the cluster ARN’s, else your AWS profile’s']),
    `  cluster: ${s(a.cluster)}`,
    '  # Task-definition families and schedule names are namePrefix + job name.',
    `  namePrefix: ${s(a.namePrefix)}`,
    '  # The EventBridge Scheduler group berth creates, tags and owns (schedules in it that no',
    '  # manifest names are deleted).',
    `  scheduleGroup: ${s(a.scheduleGroup)}`,
    '  # The role EventBridge Scheduler assumes to call ecs:RunTask (and iam:PassRole the task roles).',
    `  schedulerRoleArn: ${s(a.schedulerRoleArn)}`,
    '  jobsDir: jobs',
    '  defaults:',
    '    task:',
    '      launchType: FARGATE',
    '      cpu: 0.25 vCPU',
    '      memory: 0.5 GB',
    '      runtimePlatform:',
    '        cpuArchitecture: X86_64',
    '        operatingSystemFamily: LINUX',
    ...(a.executionRoleArn ? [`      executionRoleArn: ${s(a.executionRoleArn)}`] : []),
    '    network:',
    '      subnets:',
    list(a.subnets, '        '),
    '      securityGroups:',
    list(a.securityGroups, '        '),
    '      # true only in public subnets without a NAT gateway (Fargate needs a way to pull images).',
    '      assignPublicIp: false',
    '    logging:',
    '      driver: awslogs',
    '      # {prefix} and {job} are substituted; ECS creates the group on first use.',
    '      group: /berth/{prefix}{job}',
    '      createGroup: true',
    '    schedule:',
    '      timezone: UTC',
  ];
  return lines.join('\n') + '\n';
}

export function exampleJobYaml(): string {
  return [
    JOB_MODELINE,
    '# An example job: a small public image that prints a line, once a day at 03:00 UTC.',
    '# Replace the image and command with yours; `berth render hello` shows what AWS receives.',
    'apiVersion: berth/v1',
    'kind: Job',
    'metadata:',
    `  name: ${EXAMPLE_JOB}`,
    '  description: Prints a greeting with the time it was scheduled for',
    'spec:',
    '  image: public.ecr.aws/docker/library/busybox:1.37',
    '  entryPoint: [sh, -c]',
    '  command: [\'echo "hello from berth, scheduled for $SCHEDULED_TIME"\']',
    '  schedule:',
    '    expression: cron(0 3 * * ? *)',
    '  run:',
    '    # Filled in by EventBridge Scheduler at every run (berth run fills in the current time).',
    '    environment:',
    '      SCHEDULED_TIME: <aws.scheduler.scheduled-time>',
    '',
  ].join('\n');
}

const IGNORED = '.berth/';

/** .gitignore with berth's working directory (backfill records, the demo) added once. */
export function gitignoreWith(current: string | undefined): string | undefined {
  const lines = (current ?? '').split(/\r?\n/).map((l) => l.trim());
  if (lines.includes(IGNORED) || lines.includes('.berth') || lines.includes('/.berth/')) return undefined;
  const base = current && !current.endsWith('\n') ? `${current}\n` : (current ?? '');
  return `${base}# berth: backfill records and other local state\n${IGNORED}\n`;
}
