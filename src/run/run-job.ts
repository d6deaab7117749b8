// `berth run`: start a job once now with its run configuration and the live revision, then
// (optionally) wait for it and turn the stopped task into an exit code.
import type { EcsTask } from '../model/aws-types.js';
import type { DesiredJob } from '../model/desired.js';
import type { EcsPort } from '../model/ports.js';
import type { Clock } from './clock.js';
import { logLocations } from './log-location.js';
import type { LogLocation } from './log-location.js';
import { combinedExitCode, taskOutcome } from './outcome.js';
import type { TaskOutcome } from './outcome.js';
import { applyCliOverrides } from './overrides.js';
import type { TaskOverride } from './overrides.js';
import { manualRunValues, substitutePlaceholders } from './placeholders.js';
import { checkOverrideContainers, isEssential, prepareRun } from './prepare.js';
import type { PreparedRun } from './prepare.js';
import type { RunSettings } from './run-settings.js';
import { runTaskInput, startTasks } from './start.js';
import { waitForTasks } from './wait.js';
import type { WaitStatus } from './wait.js';

export interface RunDeps {
  ecs: EcsPort;
  clock: Clock;
  uuid: () => string;
}

export interface RunJobRequest {
  job: DesiredJob;
  owner: string;
  settings: RunSettings;
  /** Region for log links when the log configuration does not name one. */
  region?: string;
  container?: string;
  args?: string[];
  env?: Record<string, string>;
}

export interface StartedRun {
  job: string;
  taskDefinitionArn: string;
  cluster: string;
  container: string;
  /** The overrides RunTask received. */
  overrides: TaskOverride;
  /** Scheduler placeholders berth filled in, with the values used. */
  substituted: Record<string, string>;
  warnings: string[];
  tasks: { taskArn: string; logs: LogLocation[] }[];
  failures: { arn?: string; reason?: string }[];
  prepared: PreparedRun;
}

export const RUN_STARTED_BY = 'berth-run';

export async function startRun(deps: RunDeps, req: RunJobRequest): Promise<StartedRun> {
  const prepared = await prepareRun(deps.ecs, req);
  const withCli = applyCliOverrides(req.settings.overrides, {
    container: prepared.container,
    ...(req.args !== undefined ? { args: req.args } : {}),
    ...(req.env !== undefined ? { env: req.env } : {}),
  });
  const values = manualRunValues(deps.clock.now(), deps.uuid());
  const sub = substitutePlaceholders(withCli, values);
  checkOverrideContainers(prepared, sub.overrides);
  const warnings: string[] = [];
  if (prepared.revision.stale)
    warnings.push(
      `${prepared.revision.arn} differs from what the manifests render now: run \`berth plan\` to see the change`,
    );
  if (sub.unknown.length > 0)
    warnings.push(
      `left as written (berth run has no value for them): ${sub.unknown.map((n) => placeholderText(n)).join(', ')}`,
    );

  const input = runTaskInput(prepared, sub.overrides, {
    startedBy: RUN_STARTED_BY,
    clientToken: deps.uuid(),
  });
  const started = await startTasks(deps.ecs, input);
  for (const f of started.failures) warnings.push(`a task did not start: ${f.reason ?? 'unknown reason'}`);
  return {
    job: req.job.name,
    taskDefinitionArn: prepared.revision.arn,
    cluster: prepared.settings.cluster,
    container: prepared.container,
    overrides: sub.overrides,
    substituted: Object.fromEntries(sub.used.map((n) => [n, values[n]!])),
    warnings,
    tasks: started.taskArns.map((taskArn) => ({
      taskArn,
      logs: logLocations(prepared.revision.description, taskArn, req.region),
    })),
    failures: started.failures,
    prepared,
  };
}

export interface RunResult {
  status: WaitStatus;
  outcomes: TaskOutcome[];
  exitCode: number;
}

export async function waitRun(
  deps: RunDeps,
  run: Pick<StartedRun, 'cluster' | 'container' | 'prepared'> & { taskArns: string[] },
  opts: { timeoutMs?: number; signal?: AbortSignal; onPoll?: (tasks: EcsTask[]) => void },
): Promise<RunResult> {
  const waited = await waitForTasks(deps.ecs, run.cluster, run.taskArns, {
    clock: deps.clock,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onPoll ? { onPoll: opts.onPoll } : {}),
  });
  const essential = (name: string) => isEssential(run.prepared.revision, name);
  const outcomes = run.taskArns.map((arn) => {
    const o = taskOutcome(
      waited.tasks.find((t) => t.taskArn === arn),
      arn,
      run.container,
      essential,
    );
    return o.result === 'Running' && waited.status === 'timeout' ? { ...o, result: 'TimedOut' as const } : o;
  });
  const exitCode = waited.status === 'stopped' ? combinedExitCode(outcomes) : 1;
  return { status: waited.status, outcomes, exitCode };
}

export function placeholderText(name: string): string {
  return name.startsWith('aws.scheduler.') ? `<${name}>` : `{{${name}}}`;
}
