// Recent runs of jobs, straight from ECS: ListTasks by family (running and stopped; ECS forgets
// a stopped task after about an hour), DescribeTasks in batches, and each revision described
// once (revisions are immutable) for essential flags and log locations.
import type { EcsTask, LiveTaskDefinitionDescription } from '../model/aws-types.js';
import type { EcsPort } from '../model/ports.js';
import type { RunRecord } from '../model/runs.js';
import { compareRuns, runFromTask } from './from-task.js';

export interface RunJob {
  name: string;
  family: string;
  mainContainer: string;
}

export interface ReadRunsOptions {
  cluster: string;
  region?: string;
  now: number;
  /** Runs kept per job, newest first. */
  limit?: number;
}

export type RevisionCache = Map<string, Promise<LiveTaskDefinitionDescription | undefined>>;

export async function readRuns(
  ecs: EcsPort,
  jobs: readonly RunJob[],
  opts: ReadRunsOptions,
  revisions: RevisionCache = new Map(),
): Promise<Map<string, RunRecord[]>> {
  const out = new Map<string, RunRecord[]>();
  for (const job of jobs) {
    const arns = [
      ...(await ecs.listTasks({ cluster: opts.cluster, family: job.family, desiredStatus: 'RUNNING' })),
      ...(await ecs.listTasks({ cluster: opts.cluster, family: job.family, desiredStatus: 'STOPPED' })),
    ];
    const tasks = arns.length > 0 ? await ecs.describeTasks(opts.cluster, [...new Set(arns)]) : [];
    const runs: RunRecord[] = [];
    for (const task of tasks) runs.push(await recordOf(ecs, task, job, opts, revisions));
    out.set(job.name, runs.sort(compareRuns).slice(0, opts.limit ?? Infinity));
  }
  return out;
}

export async function recordOf(
  ecs: EcsPort,
  task: EcsTask,
  job: RunJob,
  opts: Pick<ReadRunsOptions, 'region' | 'now'>,
  revisions: RevisionCache,
  source: RunRecord['source'] = 'ecs',
): Promise<RunRecord> {
  const revision = task.taskDefinitionArn
    ? await describeOnce(ecs, task.taskDefinitionArn, revisions)
    : undefined;
  return runFromTask(task, {
    job: job.name,
    mainContainer: job.mainContainer,
    now: opts.now,
    source,
    ...(revision ? { revision } : {}),
    ...(opts.region ? { region: opts.region } : {}),
  });
}

function describeOnce(
  ecs: EcsPort,
  arn: string,
  cache: RevisionCache,
): Promise<LiveTaskDefinitionDescription | undefined> {
  let p = cache.get(arn);
  if (!p) {
    p = ecs.describeTaskDefinition(arn).then(
      (d) => d?.taskDefinition,
      () => undefined,
    );
    cache.set(arn, p);
  }
  return p;
}
