// spec.task of an imported job: the task-level settings that differ from defaults.task, with
// cpu and memory written as people write them. Launch type / capacity providers and the
// platform version live on the schedule's EcsParameters in AWS, but under task in a manifest.
import { chooseLaunch, type LaunchChoice } from '../desired/launch.js';
import { mergeDefaults } from '../manifests/merge.js';
import { parseCpu, parseMemory } from '../manifests/units.js';
import type { LiveScheduleDescription, LiveTaskDefinitionDescription } from '../model/aws-types.js';
import type { CapacityProviderItem, TaskSpec } from '../model/manifest.js';
import { deepEqual } from '../plan/json.js';
import { defined, minimalOverride } from './minimise.js';
import { formatCpu, formatMemory } from './sizes.js';

type Plain = Record<string, unknown>;

const units = (v: string | number | undefined, parse: typeof parseCpu) => {
  if (v === undefined || v === '') return undefined;
  const p = parse(v);
  return p.ok ? p.value : undefined;
};

/** The repository's task defaults in comparable form (sizes as numbers, the built-in network mode). */
function canonicalDefaults(d: TaskSpec): Plain {
  return defined({
    cpu: units(d.cpu, parseCpu),
    memory: units(d.memory, parseMemory),
    taskRoleArn: d.taskRoleArn,
    executionRoleArn: d.executionRoleArn,
    networkMode: d.networkMode ?? 'awsvpc',
    runtimePlatform: d.runtimePlatform ? defined({ ...d.runtimePlatform }) : undefined,
    ephemeralStorageGiB: d.ephemeralStorageGiB,
    platformVersion: d.platformVersion,
  });
}

export function taskSpec(
  td: LiveTaskDefinitionDescription,
  schedule: LiveScheduleDescription | undefined,
  defaults: TaskSpec,
): Plain | undefined {
  const ecs = schedule?.Target?.EcsParameters;
  const launch = liveLaunch(td, schedule);
  const rp = td.runtimePlatform;
  const wanted: Plain = defined({
    cpu: units(td.cpu, parseCpu),
    memory: units(td.memory, parseMemory),
    taskRoleArn: td.taskRoleArn,
    executionRoleArn: td.executionRoleArn,
    // ECS's own default when a task definition names none.
    networkMode: td.networkMode ?? 'bridge',
    runtimePlatform:
      rp && (rp.cpuArchitecture || rp.operatingSystemFamily)
        ? defined({ cpuArchitecture: rp.cpuArchitecture, operatingSystemFamily: rp.operatingSystemFamily })
        : undefined,
    ephemeralStorageGiB: td.ephemeralStorage?.sizeInGiB,
  });
  const base = canonicalDefaults(defaults);
  // The platform version only means something on a scheduled Fargate run.
  if (schedule && launch.fargate) wanted.platformVersion = ecs?.PlatformVersion;
  else delete base.platformVersion;
  const out = (minimalOverride(wanted, base) ?? {}) as Plain;
  Object.assign(out, launchOverride(launch, defaults));
  if (typeof out.cpu === 'number') out.cpu = formatCpu(out.cpu);
  if (typeof out.memory === 'number') out.memory = formatMemory(out.memory);
  return Object.keys(out).length > 0 ? ordered(out) : undefined;
}

/** How the live job launches: the schedule's strategy or launch type, else the task definition's compatibility. */
export function liveLaunch(td: LiveTaskDefinitionDescription, schedule: LiveScheduleDescription | undefined) {
  const ecs = schedule?.Target?.EcsParameters;
  const none = () => undefined;
  const strategy = ecs?.CapacityProviderStrategy?.filter((i) => i.capacityProvider);
  if (strategy && strategy.length > 0)
    return chooseLaunch(
      { capacityProviderStrategy: strategy.map((i) => defined({ ...i }) as CapacityProviderItem) },
      {},
      none,
    );
  const compat = td.requiresCompatibilities ?? [];
  const launchType = (ecs?.LaunchType ??
    (compat.length === 1 ? compat[0] : 'FARGATE')) as TaskSpec['launchType'];
  return chooseLaunch({ launchType }, {}, none);
}

/** launchType or capacityProviderStrategy when the defaults would launch differently. */
function launchOverride(want: LaunchChoice, defaults: TaskSpec): Plain {
  const same = (own: TaskSpec) => {
    const got = chooseLaunch(own, mergeDefaults(defaults, own) ?? {}, () => undefined);
    return (
      got.launchType === want.launchType &&
      deepEqual(got.capacityProviderStrategy, want.capacityProviderStrategy) &&
      deepEqual(got.compatibilities, want.compatibilities)
    );
  };
  if (same({})) return {};
  if (want.capacityProviderStrategy)
    return defined({
      capacityProviderStrategy: want.capacityProviderStrategy,
      launchType: defaults.launchType !== undefined ? null : undefined,
    });
  return defined({
    launchType: want.launchType,
    capacityProviderStrategy: defaults.capacityProviderStrategy !== undefined ? null : undefined,
  });
}

const ORDER = [
  'cpu',
  'memory',
  'launchType',
  'capacityProviderStrategy',
  'platformVersion',
  'runtimePlatform',
  'ephemeralStorageGiB',
  'networkMode',
  'taskRoleArn',
  'executionRoleArn',
];

function ordered(o: Plain): Plain {
  return Object.fromEntries(ORDER.filter((k) => k in o).map((k) => [k, o[k]]));
}
