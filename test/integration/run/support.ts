// A small berth repository on disk for run/backfill tests, "applied" to the emulator the
// way `berth apply` registers it: the rendered RegisterTaskDefinition input, tags included.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DescribeTasksCommand } from '@aws-sdk/client-ecs';
import type { Task } from '@aws-sdk/client-ecs';
import { loadRepository } from '../../../src/manifests/index.js';
import type { AwsPorts } from '../../../src/model/ports.js';
import { jobContext } from '../../../src/run/job-context.js';
import type { JobContext } from '../../../src/run/job-context.js';
import type { Clock } from '../../../src/run/clock.js';
import { createCluster, createSecurityGroup, defaultSubnets, rawClients } from '../../support/aws.js';
import { emulatorEndpoint, emulatorEnv } from '../../support/emulator.js';

export const OWNER = 'it-run';

/** Real time, short naps: the emulator moves a task one state per DescribeTasks. */
export const quickClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
};

function config(subnets: string[], sg: string): string {
  return `apiVersion: berth/v1
kind: Config
metadata:
  name: ${OWNER}
spec:
  region: us-east-1
  cluster: etl
  namePrefix: it-
  scheduleGroup: berth-it
  schedulerRoleArn: arn:aws:iam::123456789012:role/berth-scheduler
  defaults:
    task:
      launchType: FARGATE
      cpu: 256
      memory: 512
      executionRoleArn: arn:aws:iam::123456789012:role/it-task-execution
    network:
      subnets: [${subnets.join(', ')}]
      securityGroups: [${sg}]
    run:
      propagateTags: TASK_DEFINITION
`;
}

// moto's RunTask wants memory or memoryReservation on every container
const DAILY = `apiVersion: berth/v1
kind: Job
metadata:
  name: daily
spec:
  containers:
    - name: etl
      image: repo/etl:1
      entryPoint: [/bin/bash, /opt/myetl/bin/launch.sh]
      command: [daily]
      memoryReservation: 256
  schedule:
    expression: cron(0 3 * * ? *)
  run:
    command: [daily, --scheduled-time, <aws.scheduler.scheduled-time>]
    environment:
      MODE: incremental
`;

const REPROCESS = `apiVersion: berth/v1
kind: Job
metadata:
  name: reprocess
spec:
  containers:
    - name: reprocess
      image: repo/etl:1
      entryPoint: [/bin/bash, /opt/myetl/bin/launch.sh]
      memoryReservation: 256
  run:
    command: ['2018-01-01', '2019-01-01']
`;

export interface TestRepo {
  dir: string;
  clusterArn: string;
  subnets: string[];
  context(job: string): Promise<JobContext>;
  /** What `berth apply` registers for the job; returns the revision ARN. */
  apply(ports: AwsPorts, job: string): Promise<string>;
}

export async function makeRepo(): Promise<TestRepo> {
  const clusterArn = await createCluster('etl');
  const subnets = (await defaultSubnets()).slice(0, 2);
  const sg = await createSecurityGroup('it-run');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-run-'));
  await mkdir(path.join(dir, 'jobs'));
  await writeFile(path.join(dir, 'berth.yaml'), config(subnets, sg));
  await writeFile(path.join(dir, 'jobs', 'daily.yaml'), DAILY);
  await writeFile(path.join(dir, 'jobs', 'reprocess.yaml'), REPROCESS);
  const context = async (job: string) => jobContext(await loadRepository(dir), job);
  return {
    dir,
    clusterArn,
    subnets,
    context,
    async apply(ports, job) {
      const { job: desired } = await context(job);
      return (await ports.ecs.registerTaskDefinition(desired.taskDefinition)).arn;
    },
  };
}

/** Tasks as the emulator describes them (raw client: not counted, no state advance assumptions). */
export async function describeTasks(cluster: string, arns: string[]): Promise<Task[]> {
  const out = await rawClients().ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }));
  return out.tasks ?? [];
}

export function commandOf(task: Task, container: string): string[] | undefined {
  return task.overrides?.containerOverrides?.find((c) => c.name === container)?.command;
}

/** moto's task lifecycle: "immediate" puts every task straight into STOPPED; unset restores one step per describe. */
export async function setTaskTransition(transition: Record<string, unknown> | undefined): Promise<void> {
  const op = transition ? 'set-transition' : 'unset-transition';
  const res = await fetch(`${emulatorEndpoint()}/moto-api/state-manager/${op}`, {
    method: 'POST',
    body: JSON.stringify({ model_name: 'ecs::task', ...(transition ? { transition } : {}) }),
  });
  if (!res.ok) throw new Error(`emulator ${op}: HTTP ${res.status}`);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const PROJECT = path.resolve(import.meta.dirname, '../../..');

/** The real CLI (TypeScript sources through tsx) against the emulator, on the repository in `dir`. */
export function berth(dir: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(PROJECT, 'src/main.ts'), '-C', dir, ...args],
      { cwd: PROJECT, env: { ...process.env, ...emulatorEnv(), NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
