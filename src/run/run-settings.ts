// How a job runs: cluster, launch, network, count, tags and configured overrides: the same
// things its schedule uses. A scheduled job's settings are read from the rendered schedule
// (EcsParameters + Input), so `berth run` starts exactly what Scheduler would start;
// an on-demand job has no schedule, so the same fields are built from its effective run spec.
import type { RunTaskInput, ScheduleInput } from '../model/aws-types.js';
import { BerthError } from '../model/errors.js';
import type { CapacityProviderItem, RunSpec } from '../model/manifest.js';
import { parseOverridesInput } from './overrides.js';
import type { TaskOverride } from './overrides.js';

export type RunParams = Omit<
  RunTaskInput,
  'cluster' | 'taskDefinition' | 'overrides' | 'startedBy' | 'clientToken'
>;

export interface RunSettings {
  /** Cluster ARN. */
  cluster: string;
  params: RunParams;
  /** The job's configured overrides, placeholders still in place. */
  overrides: TaskOverride;
  from: 'schedule' | 'manifest';
}

/** Scheduler's PascalCase EcsParameters → RunTask's camelCase fields. */
export function settingsFromSchedule(schedule: ScheduleInput): RunSettings {
  const target = schedule.Target;
  const p = target?.EcsParameters;
  if (!target?.Arn || !p) throw new BerthError('Invalid', `schedule ${schedule.Name} has no ECS target`);
  const vpc = p.NetworkConfiguration?.awsvpcConfiguration;
  const params: RunParams = defined({
    count: p.TaskCount ?? 1,
    launchType: p.LaunchType,
    capacityProviderStrategy: p.CapacityProviderStrategy?.map((i) =>
      defined({ capacityProvider: i.capacityProvider, weight: i.weight, base: i.base }),
    ),
    platformVersion: p.PlatformVersion,
    networkConfiguration: vpc
      ? {
          awsvpcConfiguration: defined({
            subnets: vpc.Subnets ?? [],
            securityGroups: vpc.SecurityGroups,
            assignPublicIp: vpc.AssignPublicIp,
          }),
        }
      : undefined,
    group: p.Group,
    propagateTags: p.PropagateTags,
    enableECSManagedTags: p.EnableECSManagedTags,
    enableExecuteCommand: p.EnableExecuteCommand,
    tags: schedulerTags(p.Tags),
    placementConstraints: p.PlacementConstraints?.map((c) =>
      defined({ type: c.type, expression: c.expression }),
    ),
    placementStrategy: p.PlacementStrategy?.map((s) => defined({ type: s.type, field: s.field })),
    referenceId: p.ReferenceId,
  });
  return { cluster: target.Arn, params, overrides: parseOverridesInput(target.Input), from: 'schedule' };
}

export interface ManifestRunContext {
  clusterArn: string;
  run: RunSpec;
  /** Launch type or capacity provider strategy, chosen as for the schedule. */
  launchType?: string;
  capacityProviderStrategy?: CapacityProviderItem[];
  fargate: boolean;
  platformVersion?: string;
  /** Task definition's network mode (awsvpc when absent, as rendered). */
  networkMode: string;
  overrides: TaskOverride;
}

/** The same fields the renderer writes into a schedule's EcsParameters, for a job without one. */
export function settingsFromManifest(ctx: ManifestRunContext): RunSettings {
  const { run } = ctx;
  const securityGroups = run.securityGroups ?? [];
  const params: RunParams = defined({
    count: run.taskCount ?? 1,
    launchType: ctx.capacityProviderStrategy ? undefined : (ctx.launchType as RunParams['launchType']),
    capacityProviderStrategy: ctx.capacityProviderStrategy?.map((i) => defined({ ...i })),
    platformVersion: ctx.fargate ? ctx.platformVersion : undefined,
    networkConfiguration:
      ctx.networkMode === 'awsvpc'
        ? {
            awsvpcConfiguration: defined({
              subnets: [...(run.subnets ?? [])],
              securityGroups: securityGroups.length > 0 ? [...securityGroups] : undefined,
              assignPublicIp: run.assignPublicIp ? ('ENABLED' as const) : ('DISABLED' as const),
            }),
          }
        : undefined,
    group: run.group,
    // NONE is RunTask's default: leaving it out keeps the request equal to the schedule's
    propagateTags: run.propagateTags === 'TASK_DEFINITION' ? 'TASK_DEFINITION' : undefined,
    enableECSManagedTags: run.enableEcsManagedTags,
    enableExecuteCommand: run.enableExecuteCommand,
    tags:
      run.tags && Object.keys(run.tags).length > 0
        ? Object.entries(run.tags).map(([key, value]) => ({ key, value: String(value) }))
        : undefined,
  });
  return { cluster: ctx.clusterArn, params, overrides: ctx.overrides, from: 'manifest' };
}

/**
 * Scheduler types EcsParameters.Tags as a list of maps. berth renders one {key, value} map
 * per tag; a map of other keys is read as tags named by its keys.
 */
function schedulerTags(tags: Record<string, string>[] | undefined): RunParams['tags'] {
  if (!tags || tags.length === 0) return undefined;
  return tags.flatMap((m) => {
    const keys = Object.keys(m);
    if (keys.length === 2 && 'key' in m && 'value' in m) return [{ key: m.key!, value: m.value! }];
    return keys.map((key) => ({ key, value: m[key]! }));
  });
}

function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
