// The proof of an import: the written YAML is read back like any job file (schema, rules,
// defaults), rendered to AWS inputs, and compared with what is live, with the planner's own
// normalisation. What differs is what the first apply would change.
import { renderDesired } from '../desired/index.js';
import { validateDocuments } from '../manifests/index.js';
import type { InputFile } from '../manifests/index.js';
import type { ScheduleInput } from '../model/aws-types.js';
import type { DesiredJob } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { FieldChange } from '../model/plan.js';
import { diffValues } from '../plan/diff.js';
import { normaliseSchedule } from '../plan/normalise-schedule.js';
import { normaliseTaskDefinition } from '../plan/normalise-task-definition.js';
import { tagFilter } from '../plan/normalise-tags.js';
import { sensitiveEnvPredicate } from '../plan/sensitive.js';
import { TAG } from '../model/desired.js';
import type { LiveJobSource } from './sources.js';

export interface RoundTripInput {
  config: InputFile;
  /** Path of the job file relative to the repository root. */
  file: string;
  yaml: string;
  source: LiveJobSource;
  region: string | undefined;
  now: Date;
}

export interface RoundTrip {
  diagnostics: Diagnostic[];
  desired?: DesiredJob;
  /** What the first apply would change in the task definition (berth's own tags aside). */
  taskDefinition: FieldChange[];
  /** How berth's schedule would differ from the old one (name, group and role aside). */
  schedule: FieldChange[];
  /** The role Scheduler runs the task with: the old target's, and the config's schedulerRoleArn. */
  role?: { before: string | undefined; after: string | undefined };
}

export function roundTrip(input: RoundTripInput): RoundTrip {
  const load = validateDocuments({
    config: input.config,
    jobFiles: [{ path: input.file, content: input.yaml }],
    now: input.now,
  });
  const diagnostics = [...load.diagnostics];
  const loaded = load.jobs[0];
  const empty = { diagnostics, taskDefinition: [], schedule: [] };
  if (!load.config || !loaded || diagnostics.some((d) => d.severity === 'error')) return empty;
  const rendered = renderDesired(load.config, [loaded], {
    ...(input.region ? { region: input.region } : {}),
    ...(load.configFile ? { configFile: load.configFile } : {}),
  });
  diagnostics.push(...rendered.diagnostics);
  const desired = rendered.state.jobs[0];
  if (!desired || rendered.diagnostics.some((d) => d.severity === 'error')) return empty;

  const keep = tagFilter(load.config.spec.ignoreTagKeys ?? []);
  const berth = new Set<string>(Object.values(TAG));
  const keepTag = (k: string) => keep(k) && !berth.has(k);
  const sensitive = sensitiveEnvPredicate(desired.sensitiveEnv);
  const live = { ...input.source.taskDefinition, tags: toList(input.source.tags) };
  const taskDefinition = diffValues(
    normaliseTaskDefinition(live, keepTag),
    normaliseTaskDefinition(desired.taskDefinition, keepTag),
    sensitive,
  );
  const out: RoundTrip = { diagnostics, desired, taskDefinition, schedule: [] };
  const old = input.source.schedule?.schedule;
  if (old && desired.schedule) {
    const before = old.Target?.RoleArn;
    const after = desired.schedule.Target?.RoleArn;
    out.schedule = diffValues(
      normaliseSchedule(old),
      normaliseSchedule(asOld(desired.schedule, old)),
      sensitive,
    );
    if (before !== after) out.role = { before, after };
  } else if (old || desired.schedule) {
    out.schedule = [{ path: '', ...(old ? { before: 'a schedule' } : { after: 'a schedule' }) }];
  }
  return out;
}

/** berth's schedule under the old one's name, group, role and task-definition reference. */
function asOld(s: ScheduleInput, old: NonNullable<LiveJobSource['schedule']>['schedule']): ScheduleInput {
  const target = s.Target!;
  const ecs = target.EcsParameters;
  return {
    ...s,
    Name: old.Name,
    GroupName: old.GroupName,
    Target: {
      ...target,
      RoleArn: old.Target?.RoleArn,
      ...(ecs
        ? { EcsParameters: { ...ecs, TaskDefinitionArn: old.Target?.EcsParameters?.TaskDefinitionArn } }
        : {}),
    } as NonNullable<ScheduleInput['Target']>,
  };
}

function toList(tags: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
