// Where a referenced value is written: in the job's own file when the job sets it, otherwise in
// berth.yaml's defaults. The fix then names the one place to change.
import type { LoadedJob } from '../model/diagnostics.js';
import type { JobManifest, RepoConfig } from '../model/manifest.js';
import type { Location } from './types.js';

export interface Place {
  config: RepoConfig;
  configFile: string;
  /** The job's manifest and file, when known. */
  loaded: LoadedJob | undefined;
}

type Container = NonNullable<JobManifest['spec']['containers']>[number];

function inJob(place: Place, field: string): Location {
  return { file: place.loaded?.source.file ?? '(job)', field };
}

function inConfig(place: Place, field: string): Location {
  return { file: place.configFile, field };
}

export function roleLocation(place: Place, key: 'taskRoleArn' | 'executionRoleArn'): Location {
  return place.loaded?.manifest.spec.task?.[key] !== undefined
    ? inJob(place, `spec.task.${key}`)
    : inConfig(place, `spec.defaults.task.${key}`);
}

export function clusterLocation(place: Place): Location {
  if (place.loaded?.manifest.spec.run?.cluster !== undefined) return inJob(place, 'spec.run.cluster');
  if (place.config.spec.defaults?.run?.cluster !== undefined)
    return inConfig(place, 'spec.defaults.run.cluster');
  return inConfig(place, 'spec.cluster');
}

/** `spec.image` for the single-container shorthand, else `spec.containers[i].<field>`. */
export function containerLocation(place: Place, container: string, field: string): Location {
  const containers = place.loaded?.manifest.spec.containers;
  if (!containers) return inJob(place, field === 'image' ? 'spec.image' : `spec.${field}`);
  const i = containers.findIndex((c: Container) => c.name === container);
  return inJob(place, `spec.containers[${i < 0 ? container : i}].${field}`);
}

/** The most specific logging level that names the group; the built-in default otherwise. */
export function logGroupLocation(place: Place, container: string): Location {
  const spec = place.loaded?.manifest.spec;
  const i = spec?.containers?.findIndex((c) => c.name === container) ?? -1;
  if (i >= 0 && spec?.containers?.[i]?.logging?.group !== undefined)
    return inJob(place, `spec.containers[${i}].logging.group`);
  if (spec?.logging?.group !== undefined) return inJob(place, 'spec.logging.group');
  if (place.config.spec.defaults?.logging?.group !== undefined)
    return inConfig(place, 'spec.defaults.logging.group');
  return inJob(place, 'spec.logging.group (default /berth/{prefix}{job})');
}

/** run.X in the job, else defaults.run.X, else defaults.network.X (the merge order of merge.ts). */
export function networkLocation(place: Place, key: 'subnets' | 'securityGroups'): Location {
  if (place.loaded?.manifest.spec.run?.[key] !== undefined) return inJob(place, `spec.run.${key}`);
  if (place.config.spec.defaults?.run?.[key] !== undefined)
    return inConfig(place, `spec.defaults.run.${key}`);
  return inConfig(place, `spec.defaults.network.${key}`);
}

export function deadLetterLocation(place: Place): Location {
  return place.loaded?.manifest.spec.schedule?.deadLetterQueueArn !== undefined
    ? inJob(place, 'spec.schedule.deadLetterQueueArn')
    : inConfig(place, 'spec.defaults.schedule.deadLetterQueueArn');
}
