// The places in a job or config document where the same kind of settings are written.
// Rules about a single value run where the value is written (so a bad default is
// reported once, in berth.yaml, not once per job).
import type {
  ContainerSpec,
  JobManifest,
  LoggingSpec,
  RepoConfig,
  RunSpec,
  ScheduleSpec,
  TaskSpec,
} from '../../model/manifest.js';

export interface Sections {
  task: { value: TaskSpec; pointer: string }[];
  network: { value: Partial<RunSpec>; pointer: string }[];
  schedule: { value: Partial<ScheduleSpec>; pointer: string }[];
  tags: { value: Record<string, string | null>; pointer: string }[];
  logging: { value: LoggingSpec; pointer: string }[];
}

type Maybe<T> = T | null | undefined;

function push<T>(list: { value: T; pointer: string }[], value: Maybe<T>, pointer: string): void {
  if (value !== undefined && value !== null) list.push({ value, pointer });
}

export function jobSections(job: JobManifest): Sections {
  const s = job.spec;
  const out: Sections = { task: [], network: [], schedule: [], tags: [], logging: [] };
  push(out.task, s.task, '/spec/task');
  push(out.network, s.run, '/spec/run');
  push(out.schedule, s.schedule, '/spec/schedule');
  push(out.tags, s.tags, '/spec/tags');
  push(out.tags, s.run?.tags, '/spec/run/tags');
  push(out.logging, s.logging, '/spec/logging');
  (s.containers ?? []).forEach((c, i) => push(out.logging, c.logging, `/spec/containers/${i}/logging`));
  return out;
}

export function configSections(config: RepoConfig): Sections {
  const d = config.spec.defaults ?? {};
  const out: Sections = { task: [], network: [], schedule: [], tags: [], logging: [] };
  push(out.task, d.task, '/spec/defaults/task');
  push(out.network, d.network, '/spec/defaults/network');
  push(out.network, d.run, '/spec/defaults/run');
  push(out.schedule, d.schedule, '/spec/defaults/schedule');
  push(out.tags, config.spec.tags, '/spec/tags');
  push(out.tags, d.run?.tags, '/spec/defaults/run/tags');
  push(out.logging, d.logging, '/spec/defaults/logging');
  return out;
}

/** The job's containers as written, with the pointer their fields live under (`/spec` for the shorthand). */
export function writtenContainers(job: JobManifest): { spec: Partial<ContainerSpec>; pointer: string }[] {
  const s = job.spec;
  if (s.containers) return s.containers.map((c, i) => ({ spec: c, pointer: `/spec/containers/${i}` }));
  const shorthand: Partial<ContainerSpec> = {};
  if (s.image !== undefined) shorthand.image = s.image;
  if (s.command !== undefined) shorthand.command = s.command;
  if (s.entryPoint !== undefined) shorthand.entryPoint = s.entryPoint;
  if (s.environment !== undefined) shorthand.environment = s.environment;
  if (s.secrets !== undefined) shorthand.secrets = s.secrets;
  return [{ spec: shorthand, pointer: '/spec' }];
}
