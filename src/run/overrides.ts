// RunTask overrides of a manual run: the job's configured overrides (what its schedule sends
// as Target.Input) with the command-line arguments and --env applied to one container.
import type { RunTaskInput } from '../model/aws-types.js';
import { BerthError } from '../model/errors.js';

export type TaskOverride = NonNullable<RunTaskInput['overrides']>;
export type ContainerOverride = NonNullable<TaskOverride['containerOverrides']>[number];

/**
 * Target.Input of a schedule → the overrides object it stands for. Input is the whole
 * TaskOverride, so keys other than containerOverrides (cpu, memory, …) are kept.
 */
export function parseOverridesInput(input: string | undefined): TaskOverride {
  if (input === undefined || input.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch (err) {
    throw new BerthError('Invalid', 'the schedule input is not JSON', { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new BerthError('Invalid', 'the schedule input is not a JSON object of RunTask overrides');
  return parsed as TaskOverride;
}

export interface CliOverrides {
  /** Container the arguments and environment go to. */
  container: string;
  /** Replaces the container's command when given (an empty list is a valid replacement). */
  args?: string[];
  /** Adds to / replaces entries of the container's override environment. */
  env?: Record<string, string>;
}

export function applyCliOverrides(configured: TaskOverride, cli: CliOverrides): TaskOverride {
  const list = (configured.containerOverrides ?? []).map(copyContainer);
  if (cli.args === undefined && Object.keys(cli.env ?? {}).length === 0)
    return { ...configured, containerOverrides: list };
  let target = list.find((c) => c.name === cli.container);
  if (!target) {
    target = { name: cli.container };
    list.push(target);
  }
  if (cli.args !== undefined) target.command = [...cli.args];
  if (cli.env && Object.keys(cli.env).length > 0) {
    const env = new Map((target.environment ?? []).map((e) => [e.name ?? '', e.value ?? '']));
    for (const [name, value] of Object.entries(cli.env)) env.set(name, value);
    target.environment = [...env].map(([name, value]) => ({ name, value }));
  }
  return { ...configured, containerOverrides: list };
}

/** `K=V` pairs (repeatable --env) → a record; the value may contain `=`, the name may not be empty. */
export function parseEnvAssignments(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const name = at > 0 ? pair.slice(0, at) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new BerthError('Invalid', `--env "${pair}" is not NAME=VALUE`, {
        // After run / backfill, --env sets a container variable; the global --env (an environment
        // of berth.yaml) goes before the command, which a bare name suggests was meant.
        hint: pair.includes('=')
          ? 'write --env NAME=VALUE, once per variable'
          : `--env after the command sets a container variable (NAME=VALUE); to work on the environment "${pair}" of berth.yaml, put it before the command: berth --env ${pair} <command> …`,
      });
    out[name] = pair.slice(at + 1);
  }
  return out;
}

/** The command the override gives `container`, or undefined when the task definition's stays. */
export function overrideCommand(overrides: TaskOverride, container: string): string[] | undefined {
  return overrides.containerOverrides?.find((c) => c.name === container)?.command;
}

function copyContainer(c: ContainerOverride): ContainerOverride {
  const out: ContainerOverride = { ...c };
  if (c.command) out.command = [...c.command];
  if (c.environment) out.environment = c.environment.map((e) => ({ ...e }));
  return out;
}
