// `berth run` output: what was started and where its logs are; after --wait, how it ended.
import { describeOverrides, redactOverrides } from './display.js';
import type { TaskOutcome } from './outcome.js';
import { placeholderText } from './run-job.js';
import type { RunResult, StartedRun } from './run-job.js';
import { taskId } from './log-location.js';

export function formatStarted(run: StartedRun, sensitive: readonly string[]): string {
  const lines = [`Started ${run.job} (${shortArn(run.taskDefinitionArn)}) on ${shortArn(run.cluster)}`];
  for (const t of run.tasks) {
    lines.push(`  task     ${t.taskArn}`);
    for (const l of t.logs) {
      lines.push(`  logs     ${l.container}: ${l.group}${l.stream ? `  stream ${l.stream}` : ''}`);
      if (l.url) lines.push(`           ${l.url}`);
    }
    if (t.logs.length === 0) lines.push('  logs     (no awslogs container: see the log router)');
  }
  for (const o of describeOverrides(redactOverrides(run.overrides, sensitive))) lines.push(`  override ${o}`);
  const subs = Object.entries(run.substituted);
  if (subs.length > 0)
    lines.push(
      `  note     filled in for this manual run: ${subs.map(([n, v]) => `${placeholderText(n)} → ${v}`).join(', ')}`,
    );
  for (const w of run.warnings) lines.push(`  warning  ${w}`);
  return `${lines.join('\n')}\n`;
}

export function formatResult(result: RunResult): string {
  const lines: string[] = [];
  if (result.status === 'timeout') lines.push('Timed out waiting for the task to stop (it keeps running)');
  if (result.status === 'aborted') lines.push('Stopped waiting (the task keeps running)');
  for (const o of result.outcomes) lines.push(...formatOutcome(o));
  lines.push(`exit code ${result.exitCode}`);
  return `${lines.join('\n')}\n`;
}

export function formatOutcome(o: TaskOutcome): string[] {
  const lines = [
    `task ${taskId(o.taskArn)}: ${o.result}${o.lastStatus && o.result === 'TimedOut' ? ` (${o.lastStatus})` : ''}`,
  ];
  for (const c of o.containers) {
    const code = c.exitCode === undefined ? 'no exit code' : `exit ${c.exitCode}`;
    lines.push(
      `  ${c.name}${c.essential ? '' : ' (not essential)'}: ${code}${c.reason ? ` (${c.reason})` : ''}`,
    );
  }
  if (o.stopCode || o.stoppedReason)
    lines.push(`  stopped: ${[o.stopCode, o.stoppedReason].filter(Boolean).join(': ')}`);
  return lines;
}

/** JSON form: the same facts, overrides redacted, no internal objects. */
export function startedJson(run: StartedRun, sensitive: readonly string[]): Record<string, unknown> {
  return {
    job: run.job,
    taskDefinitionArn: run.taskDefinitionArn,
    cluster: run.cluster,
    container: run.container,
    overrides: redactOverrides(run.overrides, sensitive),
    substituted: run.substituted,
    tasks: run.tasks,
    failures: run.failures,
    warnings: run.warnings,
  };
}

/** `family:7` and `cluster/etl` read better than full ARNs in a headline. */
function shortArn(arn: string): string {
  return arn.slice(arn.indexOf('/') + 1) || arn;
}
