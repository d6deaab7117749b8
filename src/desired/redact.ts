// Copies of rendered inputs with sensitive env values masked, for anything people read
// (render output, plans, reports). The unmasked inputs only ever go to AWS.
import type { ScheduleInput, TaskDefinitionInput } from '../model/aws-types.js';
import type { DesiredJob } from '../model/desired.js';
import { canonicalJson } from './hash.js';
import { maskSecretShapesDeep } from './secret-shapes.js';
import { MASK } from './sensitive.js';

type Env = { name?: string | undefined; value?: string | undefined }[] | undefined;

function maskEnv(env: Env, sensitive: ReadonlySet<string>): Env {
  return env?.map((e) => (e.name !== undefined && sensitive.has(e.name) ? { ...e, value: MASK } : e));
}

export function redactTaskDefinition(
  td: TaskDefinitionInput,
  sensitiveEnv: readonly string[],
): TaskDefinitionInput {
  const sensitive = new Set(sensitiveEnv);
  if (sensitive.size === 0) return td;
  return {
    ...td,
    containerDefinitions: td.containerDefinitions?.map((c) =>
      c.environment ? { ...c, environment: maskEnv(c.environment, sensitive) } : c,
    ),
  };
}

/** Target.Input is a JSON string: masked inside, re-serialised canonically. */
export function redactSchedule(schedule: ScheduleInput, sensitiveEnv: readonly string[]): ScheduleInput {
  const input = schedule.Target?.Input;
  const sensitive = new Set(sensitiveEnv);
  if (!input || sensitive.size === 0) return schedule;
  let parsed: { containerOverrides?: { environment?: Env }[] };
  try {
    parsed = JSON.parse(input) as typeof parsed;
  } catch {
    return schedule;
  }
  const containerOverrides = parsed.containerOverrides?.map((o) =>
    o.environment ? { ...o, environment: maskEnv(o.environment, sensitive) } : o,
  );
  return {
    ...schedule,
    Target: { ...schedule.Target!, Input: canonicalJson({ ...parsed, containerOverrides }) },
  };
}

/** Sensitive variables masked by name, then anything shaped like a secret, wherever it is. */
export function redactJob(job: DesiredJob): DesiredJob {
  const out: DesiredJob = {
    ...job,
    taskDefinition: maskSecretShapesDeep(redactTaskDefinition(job.taskDefinition, job.sensitiveEnv)),
  };
  if (job.schedule) out.schedule = maskSecretShapesDeep(redactSchedule(job.schedule, job.sensitiveEnv));
  return out;
}
