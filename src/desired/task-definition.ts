// RegisterTaskDefinition input (without tags: those carry the hash of this very object).
import type { EffectiveJob } from '../manifests/merge.js';
import { parseCpu, parseMemory } from '../manifests/units.js';
import type { TaskDefinitionInput } from '../model/aws-types.js';
import { containerDefinition } from './containers.js';
import type { LaunchChoice } from './launch.js';
import type { LogContext } from './logging.js';
import { compact, error } from './problems.js';
import type { Report } from './problems.js';

type RuntimePlatform = NonNullable<TaskDefinitionInput['runtimePlatform']>;

export function taskDefinitionBody(
  job: EffectiveJob,
  family: string,
  launch: LaunchChoice,
  logCtx: LogContext,
  shorthand: boolean,
  report: Report,
): TaskDefinitionInput {
  const task = job.task;
  // awsvpc for every launch type: scheduled runs get their subnets and security groups from run.*.
  const networkMode = task.networkMode ?? 'awsvpc';
  if (launch.fargate && networkMode !== 'awsvpc')
    report(
      error(
        'render/network-mode',
        '/spec/task/networkMode',
        `Fargate requires networkMode awsvpc, not ${networkMode}`,
      ),
    );
  if (job.containers.length === 0)
    report(
      error('render/no-containers', '/spec', 'the job has no container', 'set spec.image or spec.containers'),
    );
  if (launch.fargate && (task.cpu === undefined || task.memory === undefined))
    report(
      error(
        'render/fargate-size',
        '/spec/task',
        'Fargate needs task-level cpu and memory',
        'set task.cpu and task.memory (or defaults.task)',
      ),
    );
  const platform = compact<RuntimePlatform>({
    cpuArchitecture: task.runtimePlatform?.cpuArchitecture,
    // the schema lists the OS families ECS knows; the SDK's union is narrower than a string
    operatingSystemFamily: task.runtimePlatform
      ?.operatingSystemFamily as RuntimePlatform['operatingSystemFamily'],
  });
  return compact<TaskDefinitionInput>({
    family,
    taskRoleArn: task.taskRoleArn,
    executionRoleArn: task.executionRoleArn,
    networkMode,
    requiresCompatibilities: launch.compatibilities,
    cpu: size(task.cpu, parseCpu, '/spec/task/cpu', report),
    memory: size(task.memory, parseMemory, '/spec/task/memory', report),
    runtimePlatform: Object.keys(platform).length > 0 ? platform : undefined,
    ephemeralStorage:
      task.ephemeralStorageGiB !== undefined ? { sizeInGiB: task.ephemeralStorageGiB } : undefined,
    containerDefinitions: job.containers.map((c, i) =>
      containerDefinition(c, logCtx, shorthand ? '/spec' : `/spec/containers/${i}`, report),
    ),
  });
}

/** cpu units / MiB as the decimal strings ECS stores ("512", "1024"). */
function size(
  spec: number | string | undefined,
  parse: typeof parseCpu,
  pointer: string,
  report: Report,
): string | undefined {
  if (spec === undefined) return undefined;
  const parsed = parse(spec);
  if (parsed.ok) return String(parsed.value);
  report(error('render/size', pointer, parsed.error));
  return undefined;
}
