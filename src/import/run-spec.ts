// spec.run of an imported job: where and how the schedule starts the task (cluster, network,
// task count, tags, …) as far as it differs from the defaults, and the overrides it sends on
// every run (Target.Input), with Scheduler placeholders kept as they are.
import { resolveCluster, type ArnContext } from '../desired/arns.js';
import { mainContainerName } from '../desired/containers.js';
import { mergeDefaults } from '../manifests/merge.js';
import type { ContainerDefinition, LiveScheduleDescription } from '../model/aws-types.js';
import type { ContainerSpec, RepoConfig, RunSpec } from '../model/manifest.js';
import { isObject } from '../plan/json.js';
import { defined, mapOf, minimalOverride, sortedKeys, sortedList } from './minimise.js';

type Plain = Record<string, unknown>;

export interface RunResult {
  run: Plain | undefined;
  /** Parts of Target.Input a manifest cannot say. */
  notes: string[];
}

export function runSpec(
  s: LiveScheduleDescription,
  containers: ContainerDefinition[],
  config: RepoConfig,
  arnContext: ArnContext,
): RunResult {
  const ecs = s.Target?.EcsParameters;
  const d = config.spec.defaults ?? {};
  const defaults =
    mergeDefaults<RunSpec>(d.network as RunSpec | undefined, d.run as RunSpec | undefined) ?? {};
  const vpc = ecs?.NetworkConfiguration?.awsvpcConfiguration;
  const clusterOf = (ref: string | undefined) => {
    const r = ref ? resolveCluster(ref, arnContext, '') : undefined;
    return r?.ok ? r.value.clusterArn : ref;
  };
  const wanted: Plain = defined({
    cluster: s.Target?.Arn,
    taskCount: ecs?.TaskCount ?? 1,
    propagateTags: ecs?.PropagateTags === 'TASK_DEFINITION' ? 'TASK_DEFINITION' : 'NONE',
    enableEcsManagedTags: Boolean(ecs?.EnableECSManagedTags),
    enableExecuteCommand: Boolean(ecs?.EnableExecuteCommand),
    group: ecs?.Group || undefined,
    tags: taskTags(ecs?.Tags),
    ...(vpc
      ? {
          subnets: sortedList(vpc.Subnets),
          securityGroups: sortedList(vpc.SecurityGroups),
          assignPublicIp: vpc.AssignPublicIp === 'ENABLED',
        }
      : {}),
  });
  const base: Plain = defined({
    cluster: clusterOf(defaults.cluster ?? config.spec.cluster),
    taskCount: defaults.taskCount ?? 1,
    propagateTags: defaults.propagateTags ?? 'NONE',
    enableEcsManagedTags: Boolean(defaults.enableEcsManagedTags),
    enableExecuteCommand: Boolean(defaults.enableExecuteCommand),
    group: defaults.group,
    tags: defaults.tags && Object.keys(defaults.tags).length > 0 ? defaults.tags : undefined,
    ...(vpc
      ? {
          subnets: sortedList(defaults.subnets),
          securityGroups: sortedList(defaults.securityGroups),
          assignPublicIp: Boolean(defaults.assignPublicIp),
        }
      : {}),
  });
  const over = (minimalOverride(wanted, base) ?? {}) as Plain;
  const input = overrides(s.Target?.Input, containers);
  const run = defined({ ...input.run, ...over });
  return { run: Object.keys(run).length > 0 ? run : undefined, notes: input.notes };
}

/** Scheduler EcsParameters.Tags: [{key, value}] per tag, or one {name: value} map per entry. */
function taskTags(tags: Record<string, string>[] | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    if ('key' in t && 'value' in t && Object.keys(t).length === 2) out[t.key!] = t.value!;
    else Object.assign(out, t);
  }
  return Object.keys(out).length > 0 ? sortedKeys(out) : undefined;
}

interface Override {
  name?: string;
  command?: string[];
  environment?: { name?: string; value?: string }[];
  [k: string]: unknown;
}

/** containerOverrides → run.command / run.environment for the main container, run.containers for others. */
function overrides(
  input: string | undefined,
  containers: ContainerDefinition[],
): { run: Plain; notes: string[] } {
  if (!input || input.trim() === '') return { run: {}, notes: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return { run: {}, notes: ['Target.Input is not JSON: not imported'] };
  }
  if (!isObject(parsed)) return { run: {}, notes: ['Target.Input is not a JSON object: not imported'] };
  const notes: string[] = [];
  const { containerOverrides, ...rest } = parsed as { containerOverrides?: Override[] };
  if (Object.keys(rest).length > 0)
    notes.push(
      `Target.Input overrides ${Object.keys(rest).sort().join(', ')}: berth's run section has no such field`,
    );
  const main = mainContainerName(containers as ContainerSpec[], undefined);
  const run: Plain = {};
  const others: Plain = {};
  for (const o of Array.isArray(containerOverrides) ? containerOverrides : []) {
    const { name, command, environment, ...extra } = o;
    if (Object.keys(extra).length > 0)
      notes.push(
        `the override of container ${name} sets ${Object.keys(extra).sort().join(', ')}: not imported`,
      );
    const body = defined({
      command: command && command.length > 0 ? command : undefined,
      environment: mapOf(environment, (e) => e.value),
    });
    if (Object.keys(body).length === 0 || !name) continue;
    if (name === main) Object.assign(run, body);
    else others[name] = body;
  }
  if (Object.keys(others).length > 0) run.containers = others;
  return { run, notes };
}
