// Environments resolve at load into what a single-environment repository would have written:
// berth.yaml with the environment's settings merged over spec, and each job with its
// spec.environments.<name> merged over its own fields. Everything after loading (render, plan,
// apply, the controller) then runs unchanged on one environment. Pure.
import type { EnvironmentJobs, JobManifest, JobSpec, RepoConfig, RepoConfigSpec } from '../model/manifest.js';
import { mergeDefaults } from './merge.js';
import { joinPointer } from './pointer.js';
import type { PositionIndex } from './positions.js';

/** Where a repository's environment overrides live in berth.yaml and in job manifests. */
export const ENVIRONMENTS_POINTER = '/spec/environments';

export function environmentNames(config: RepoConfig | undefined): string[] {
  return Object.keys(config?.spec.environments ?? {}).sort();
}

/** berth.yaml as if `name` were its only environment (no environments left in it). */
export function applyEnvironment(config: RepoConfig, name: string): RepoConfig {
  const { environments, defaultEnvironment: _d, ...base } = config.spec;
  const { jobs: _j, ...overlay } = environments?.[name] ?? {};
  const spec = mergeDefaults<RepoConfigSpec>(base as RepoConfigSpec, overlay as RepoConfigSpec)!;
  return { ...config, spec };
}

/** The job in environment `name` (or outside any, when undefined): overrides merged, the map dropped. */
export function applyJobEnvironment(job: JobManifest, name: string | undefined): JobManifest {
  const { environments, ...spec } = job.spec;
  const over = name === undefined ? undefined : environments?.[name];
  if (environments === undefined) return job;
  if (!over) return { ...job, spec };
  return { ...job, spec: overlayKeepingNulls(spec, over as JobSpec) };
}

/**
 * Merges like mergeDefaults, except that a null below the top level is kept: it must still
 * drop the repository default when the job is merged over spec.defaults later. A top-level
 * null (schedule: null) removes the field, which has no default to drop.
 */
function overlayKeepingNulls(base: JobSpec, over: JobSpec): JobSpec {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = keepNulls(out[k], v);
  }
  return out as JobSpec;
}

function keepNulls(base: unknown, over: unknown): unknown {
  if (!isPlain(over)) return over;
  const out: Record<string, unknown> = isPlain(base) ? { ...base } : {};
  for (const [k, v] of Object.entries(over)) out[k] = keepNulls(out[k], v);
  return out;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a job runs in an environment with this selection. */
export function selectsJob(selection: EnvironmentJobs | undefined, job: JobManifest): boolean {
  if (!selection) return true;
  const name = job.metadata.name;
  if (selection.include && !selection.include.some((p) => globMatch(p, name))) return false;
  if (selection.exclude?.some((p) => globMatch(p, name))) return false;
  const labels = job.metadata.labels ?? {};
  return Object.entries(selection.labels ?? {}).every(([k, v]) => labels[k] === v);
}

/** `*` any characters, `?` one; everything else literal. */
export function globMatch(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name);
}

/** The pointer a field written under spec.environments.<name> has in the resolved document. */
export function resolvedPointer(pointer: string, name: string): string | undefined {
  const prefix = joinPointer(ENVIRONMENTS_POINTER, name);
  if (pointer === prefix) return '/spec';
  return pointer.startsWith(`${prefix}/`) ? `/spec${pointer.slice(prefix.length)}` : undefined;
}

/**
 * Positions of the resolved document: a field an environment overrides is where the override
 * is written, so a problem with an overridden value points at the override.
 */
export function resolvedPositions(index: PositionIndex, name: string | undefined): PositionIndex {
  if (name === undefined) return index;
  const fields = new Map(index.fields);
  const scalars = new Map(index.scalars);
  for (const [from, to] of [
    [index.fields, fields],
    [index.scalars, scalars],
  ] as const)
    for (const [pointer, at] of from) {
      const moved = resolvedPointer(pointer, name);
      if (moved !== undefined && moved !== '/spec') to.set(moved, at);
    }
  return { fields, scalars };
}
