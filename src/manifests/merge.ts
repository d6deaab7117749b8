// The merge rule: repository defaults under job fields.
//   - maps merge key by key, the job's value wins;
//   - lists replace wholesale (a job's subnets replace the default subnets);
//   - an explicit `null` in the job removes the default;
//   - logging: defaults.logging < spec.logging < containers[].logging.
import type {
  ContainerSpec,
  JobManifest,
  LoggingSpec,
  RepoConfig,
  RunSpec,
  ScheduleSpec,
  SyncSpec,
  TaskSpec,
} from '../model/manifest.js';

/** A job with every default applied and the single-container shorthand expanded. */
export interface EffectiveJob {
  name: string;
  description?: string;
  labels: Record<string, string>;
  task: TaskSpec;
  containers: ContainerSpec[];
  schedule?: ScheduleSpec;
  run: RunSpec;
  sync: Required<SyncSpec>;
  tags: Record<string, string>;
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of `over` onto `base` following the rule above; inputs are never mutated. */
export function mergeDefaults<T>(base: T | undefined, over: T | undefined): T | undefined {
  if (over === undefined) return base;
  if (over === null) return undefined;
  if (!isPlain(over)) return over;
  // Recurse even without a base so a null with nothing to remove is dropped, never sent to AWS.
  const out: Plain = isPlain(base) ? { ...base } : {};
  for (const [k, v] of Object.entries(over)) {
    const merged = mergeDefaults(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out as T;
}

function shorthandContainer(job: JobManifest): ContainerSpec[] {
  const s = job.spec;
  if (s.image === undefined) return [];
  const c: ContainerSpec = { name: s.containerName ?? job.metadata.name, image: s.image, essential: true };
  if (s.entryPoint) c.entryPoint = s.entryPoint;
  if (s.command) c.command = s.command;
  if (s.environment) c.environment = s.environment;
  if (s.secrets) c.secrets = s.secrets;
  return [c];
}

export function effectiveJob(config: RepoConfig | undefined, job: JobManifest): EffectiveJob {
  const d = config?.spec.defaults ?? {};
  const s = job.spec;
  const jobLogging = mergeDefaults<LoggingSpec>(d.logging, s.logging) ?? {};
  const containers = (s.containers ?? shorthandContainer(job)).map((c) => ({
    ...c,
    logging: mergeDefaults<LoggingSpec>(jobLogging, c.logging) ?? {},
  }));
  const runDefaults = mergeDefaults<RunSpec>(d.network as RunSpec | undefined, d.run as RunSpec | undefined);
  const schedule = s.schedule
    ? mergeDefaults<ScheduleSpec>(d.schedule as ScheduleSpec, s.schedule)
    : undefined;
  const sync = mergeDefaults<SyncSpec>(d.sync, s.sync) ?? {};
  const out: EffectiveJob = {
    name: job.metadata.name,
    labels: job.metadata.labels ?? {},
    task: mergeDefaults<TaskSpec>(d.task, s.task) ?? {},
    containers,
    run: mergeDefaults<RunSpec>(runDefaults, s.run) ?? {},
    sync: {
      suspend: sync.suspend ?? false,
      selfHeal: sync.selfHeal ?? false,
      preventDestroy: sync.preventDestroy ?? false,
    },
    tags: mergeDefaults<Record<string, string>>(config?.spec.tags, s.tags) ?? {},
  };
  if (job.metadata.description !== undefined) out.description = job.metadata.description;
  if (schedule) out.schedule = schedule;
  return out;
}
