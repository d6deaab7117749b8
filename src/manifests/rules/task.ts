// Task size, launch type and roles. Fargate is strict: task-level cpu and memory from a
// fixed table, awsvpc networking, an execution role for awslogs, secrets and private images.
import { networkModeOf, resolveLaunch } from '../launch.js';
import type { Launch } from '../launch.js';
import {
  FARGATE_CPU_VALUES,
  fargateMemoryOptions,
  isValidFargateSize,
  parseCpu,
  parseMemory,
} from '../units.js';
import { error, warning } from './finding.js';
import type { Finding, JobContext } from './finding.js';
import { checkRoleArn } from './references.js';
import type { TaskSpec } from '../../model/manifest.js';

/** Rules about one task section as written (job spec.task or defaults.task). */
export function checkTaskSection(task: TaskSpec, pointer: string): Finding[] {
  const out: Finding[] = [];
  if (task.cpu !== undefined && task.cpu !== null) {
    const cpu = parseCpu(task.cpu);
    if (!cpu.ok) out.push(error('task/cpu', `${pointer}/cpu`, cpu.error));
  }
  if (task.memory !== undefined && task.memory !== null) {
    const mem = parseMemory(task.memory);
    if (!mem.ok) out.push(error('task/memory', `${pointer}/memory`, mem.error));
  }
  out.push(...checkRoleArn(task.taskRoleArn ?? undefined, `${pointer}/taskRoleArn`, 'taskRoleArn'));
  out.push(
    ...checkRoleArn(task.executionRoleArn ?? undefined, `${pointer}/executionRoleArn`, 'executionRoleArn'),
  );
  if (task.launchType && task.capacityProviderStrategy)
    out.push(
      error(
        'task/launch-type-conflict',
        `${pointer}/capacityProviderStrategy`,
        'launchType and capacityProviderStrategy are mutually exclusive',
        'keep one of them (a job may set launchType: null to drop a default launch type)',
      ),
    );
  const strategy = task.capacityProviderStrategy ?? [];
  const seen = new Set<string>();
  strategy.forEach((item, i) => {
    if (seen.has(item.capacityProvider))
      out.push(
        error(
          'task/capacity-provider',
          `${pointer}/capacityProviderStrategy/${i}`,
          `capacity provider "${item.capacityProvider}" is listed twice`,
        ),
      );
    seen.add(item.capacityProvider);
  });
  if (strategy.filter((i) => (i.base ?? 0) > 0).length > 1)
    out.push(
      error(
        'task/capacity-provider',
        `${pointer}/capacityProviderStrategy`,
        'only one capacity provider may have a base',
      ),
    );
  const fargate = strategy.filter(
    (i) => i.capacityProvider === 'FARGATE' || i.capacityProvider === 'FARGATE_SPOT',
  );
  if (fargate.length > 0 && fargate.length < strategy.length)
    out.push(
      error(
        'task/capacity-provider',
        `${pointer}/capacityProviderStrategy`,
        'a strategy cannot mix Fargate providers with Auto Scaling group providers',
        'use FARGATE/FARGATE_SPOT only, or your EC2 capacity providers only',
      ),
    );
  if (task.platformVersion && !/^(LATEST|\d+\.\d+\.\d+)$/.test(task.platformVersion))
    out.push(
      error(
        'task/platform-version',
        `${pointer}/platformVersion`,
        `"${task.platformVersion}" is not a Fargate platform version`,
        'LATEST or e.g. 1.4.0',
      ),
    );
  return out;
}

export function launchOf(ctx: JobContext): Launch {
  return resolveLaunch(ctx.raw.spec.task ?? undefined, ctx.job.task);
}

/** Rules about the task once defaults are applied. */
export function checkTask(ctx: JobContext): Finding[] {
  const { task, containers } = ctx.job;
  const launch = launchOf(ctx);
  const out: Finding[] = [];
  const cpu = task.cpu === undefined ? undefined : parseCpu(task.cpu);
  const mem = task.memory === undefined ? undefined : parseMemory(task.memory);
  if (launch.fargate) {
    if (!cpu || !mem)
      out.push(
        error(
          'task/fargate-size-required',
          `/spec/task/${cpu ? 'memory' : 'cpu'}`,
          `Fargate needs task-level cpu and memory; ${!cpu && !mem ? 'both are' : cpu ? 'memory is' : 'cpu is'} missing`,
          'set task.cpu and task.memory here or in defaults.task of berth.yaml, e.g. cpu: 0.5 vCPU, memory: 1 GB',
        ),
      );
    else if (cpu.ok && mem.ok && !isValidFargateSize(cpu.value, mem.value))
      out.push(fargateSize(cpu.value, mem.value));
    const mode = networkModeOf(task);
    if (mode !== 'awsvpc')
      out.push(
        error(
          'task/fargate-network-mode',
          '/spec/task/networkMode',
          `Fargate requires networkMode awsvpc, not ${mode}`,
          'remove networkMode or set it to awsvpc',
        ),
      );
  } else {
    if (task.ephemeralStorageGiB !== undefined)
      out.push(
        warning(
          'task/fargate-only',
          '/spec/task/ephemeralStorageGiB',
          'ephemeralStorageGiB only applies on Fargate; it is ignored here',
        ),
      );
    if (task.platformVersion !== undefined && launch.source === 'job' && ctx.raw.spec.task?.platformVersion)
      out.push(
        warning(
          'task/fargate-only',
          '/spec/task/platformVersion',
          'platformVersion only applies on Fargate; it is ignored here',
        ),
      );
    if (!mem)
      containers.forEach((c, i) => {
        if (c.memory === undefined && c.memoryReservation === undefined)
          out.push(
            error(
              'container/memory-required',
              containerPointer(ctx, i),
              `container "${c.name}" needs memory or memoryReservation, since the task has no memory and does not run on Fargate`,
              'set task.memory, or memory / memoryReservation on the container',
            ),
          );
      });
  }
  out.push(...containerSums(ctx, cpu?.ok ? cpu.value : undefined, mem?.ok ? mem.value : undefined));
  out.push(...executionRole(ctx, launch));
  return out;
}

function fargateSize(cpu: number, mem: number): Finding {
  if (!FARGATE_CPU_VALUES.includes(cpu))
    return error(
      'task/fargate-size',
      '/spec/task/cpu',
      `Fargate has no task size with cpu ${cpu}`,
      `cpu must be one of ${FARGATE_CPU_VALUES.join(', ')} (1024 = 1 vCPU)`,
    );
  const options = fargateMemoryOptions(cpu);
  const list =
    options.length > 6
      ? `${options[0]}–${options.at(-1)} MiB in steps of ${options[1]! - options[0]!}`
      : `${options.join(', ')} MiB`;
  return error(
    'task/fargate-size',
    '/spec/task/memory',
    `Fargate cpu ${cpu} cannot have memory ${mem} MiB`,
    `with cpu ${cpu}, memory must be ${list}`,
  );
}

function containerSums(ctx: JobContext, cpu: number | undefined, mem: number | undefined): Finding[] {
  const out: Finding[] = [];
  const containers = ctx.job.containers;
  const memSum = containers.reduce((n, c) => n + (c.memory ?? c.memoryReservation ?? 0), 0);
  if (mem !== undefined && memSum > mem)
    out.push(
      error(
        'task/container-memory',
        '/spec/task/memory',
        `the containers reserve ${memSum} MiB together, more than the task's ${mem} MiB`,
        "lower the containers' memory / memoryReservation or raise task.memory",
      ),
    );
  const cpuSum = containers.reduce((n, c) => n + (c.cpu ?? 0), 0);
  if (cpu !== undefined && cpuSum > cpu)
    out.push(
      error(
        'task/container-cpu',
        '/spec/task/cpu',
        `the containers reserve ${cpuSum} cpu units together, more than the task's ${cpu}`,
        "lower the containers' cpu or raise task.cpu",
      ),
    );
  containers.forEach((c, i) => {
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memoryReservation > c.memory)
      out.push(
        error(
          'container/memory-reservation',
          `${containerPointer(ctx, i)}/memoryReservation`,
          `memoryReservation (${c.memoryReservation}) is above the hard limit memory (${c.memory})`,
          'the soft limit must not exceed the hard limit',
        ),
      );
  });
  return out;
}

function executionRole(ctx: JobContext, launch: Launch): Finding[] {
  if (ctx.job.task.executionRoleArn) return [];
  const cs = ctx.job.containers;
  const reasons: string[] = [];
  if (cs.some((c) => Object.keys(c.secrets ?? {}).length > 0)) reasons.push('reads secrets');
  if (launch.fargate && cs.some((c) => (c.logging?.driver ?? 'awslogs') === 'awslogs'))
    reasons.push('logs with awslogs on Fargate');
  if (launch.fargate && cs.some((c) => /\.dkr\.ecr\./.test(c.image)))
    reasons.push('pulls from ECR on Fargate');
  if (reasons.length === 0) return [];
  return [
    error(
      'iam/execution-role-required',
      '/spec/task/executionRoleArn',
      `the task ${reasons.join(', ')}, so it needs an executionRoleArn`,
      'set task.executionRoleArn (usually once, in defaults.task of berth.yaml)',
    ),
  ];
}

export function containerPointer(ctx: JobContext, index: number): string {
  return ctx.raw.spec.containers ? `/spec/containers/${index}` : '/spec';
}
