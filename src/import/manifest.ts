// A live task definition (+ the schedule that runs it) → an idiomatic job manifest for this
// repository: fields equal to the repository defaults left out, the single-container shorthand
// when it fits, sizes as "0.5 vCPU" / "1 GB", environment and secrets as maps. Pure.
import type { ArnContext } from '../desired/arns.js';
import { isSensitiveEnv } from '../desired/sensitive.js';
import { TAG } from '../model/desired.js';
import type { JobManifest, RepoConfig } from '../model/manifest.js';
import { tagFilter } from '../plan/normalise-tags.js';
import { containersSpec } from './containers.js';
import { defined, minimalOverride, sortedKeys } from './minimise.js';
import { runSpec } from './run-spec.js';
import { scheduleSpec } from './schedule-spec.js';
import type { LiveJobSource } from './sources.js';
import { taskSpec } from './task-spec.js';
import { unsupportedSettings } from './unsupported.js';

export interface ConvertContext {
  config: RepoConfig;
  /** The repository's region (awslogs-region default, cluster ARN). */
  region: string | undefined;
  arnContext: ArnContext;
}

export interface ConvertedJob {
  name: string;
  /** May hold nulls (a default removed), as a manifest written by hand may. */
  manifest: JobManifest;
  /** For people: what was not carried over, what looks wrong. */
  notes: string[];
}

export function jobName(family: string, namePrefix: string): string {
  return namePrefix && family.startsWith(namePrefix) && family.length > namePrefix.length
    ? family.slice(namePrefix.length)
    : family;
}

export function toManifest(source: LiveJobSource, ctx: ConvertContext): ConvertedJob {
  const { config } = ctx;
  const prefix = config.spec.namePrefix ?? '';
  const d = config.spec.defaults ?? {};
  const td = source.taskDefinition;
  const name = jobName(source.family, prefix);
  const notes: string[] = unsupportedSettings(td, source.schedule?.schedule).map(
    (s) => `${s}: a berth manifest cannot say this; it is not imported`,
  );
  if (prefix && !source.family.startsWith(prefix))
    notes.push(
      `family ${source.family} does not start with namePrefix "${prefix}": berth would manage this job as a new family ${prefix}${name}`,
    );

  const schedule = source.schedule?.schedule;
  const logCtx = { job: name, namePrefix: prefix, region: ctx.region };
  const defs = td.containerDefinitions ?? [];
  const containers = containersSpec(defs, name, d.logging ?? {}, logCtx);
  for (const c of containers.inexactLogging)
    notes.push(`container ${c}: its log configuration cannot be said exactly in a manifest`);
  const sched = schedule ? scheduleSpec(schedule, d.schedule ?? {}) : undefined;
  const run = schedule ? runSpec(schedule, defs, config, ctx.arnContext) : undefined;
  notes.push(...(run?.notes ?? []), ...(source.schedule?.notes ?? []));
  for (const c of defs)
    for (const e of c.environment ?? [])
      if (e.name && isSensitiveEnv(e.name, e.value))
        notes.push(
          `container ${c.name}: environment ${e.name} looks like a secret in plain text; it is now in the job file — move it to secrets`,
        );

  const spec = defined({
    ...containers.fields,
    task: taskSpec(td, schedule, d.task ?? {}),
    schedule: sched?.schedule,
    run: run?.run,
    tags: jobTags(source.tags, config),
  });
  const metadata = defined({ name, description: sched?.description });
  const manifest = { apiVersion: 'berth/v1', kind: 'Job', metadata, spec } as unknown as JobManifest;
  return { name, manifest, notes };
}

/** The revision's own tags less berth's, AWS's and those other tools own, over the repository tags. */
function jobTags(tags: Record<string, string>, config: RepoConfig): Record<string, unknown> | undefined {
  const keep = tagFilter(config.spec.ignoreTagKeys ?? []);
  const berth = new Set<string>(Object.values(TAG));
  const own = sortedKeys(Object.fromEntries(Object.entries(tags).filter(([k]) => keep(k) && !berth.has(k))));
  const base = config.spec.tags ?? {};
  const out = minimalOverride(
    Object.keys(own).length ? own : undefined,
    Object.keys(base).length ? base : undefined,
  );
  // null would drop every repository tag; for tags, say which ones instead.
  if (out === null) return Object.fromEntries(Object.keys(base).map((k) => [k, null]));
  return out as Record<string, unknown> | undefined;
}
