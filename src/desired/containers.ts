// Container definitions from effective container specs: maps become the sorted name/value
// lists ECS stores, so the rendered input equals what DescribeTaskDefinition gives back.
import type { ContainerDefinition } from '../model/aws-types.js';
import type { ContainerSpec } from '../model/manifest.js';
import { logConfiguration } from './logging.js';
import type { LogContext } from './logging.js';
import { compact, compareStrings, sortedRecord } from './problems.js';
import type { Report } from './problems.js';

export type EnvMap = Record<string, string | number | boolean | null | undefined>;

/** [{name, value}] sorted by name; numbers and booleans become strings, null entries are dropped. */
export function environmentList(env: EnvMap | undefined): { name: string; value: string }[] | undefined {
  const names = Object.keys(env ?? {})
    .filter((n) => env![n] !== null && env![n] !== undefined)
    .sort(compareStrings);
  return names.length > 0 ? names.map((name) => ({ name, value: String(env![name]) })) : undefined;
}

/** [{name, valueFrom}] sorted by name: only ARNs/parameter names, never values. */
export function secretList(
  secrets: Record<string, string> | undefined,
): { name: string; valueFrom: string }[] | undefined {
  const names = Object.keys(secrets ?? {}).sort(compareStrings);
  return names.length > 0 ? names.map((name) => ({ name, valueFrom: secrets![name]! })) : undefined;
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

function nonEmptyRecord(rec: Record<string, string> | undefined): Record<string, string> | undefined {
  return rec && Object.keys(rec).length > 0 ? sortedRecord(rec) : undefined;
}

/** `pointer` locates the container in the job document, for positioned problems. */
export function containerDefinition(
  c: ContainerSpec,
  logCtx: LogContext,
  pointer: string,
  report: Report,
): ContainerDefinition {
  const firelens = c.firelensConfiguration;
  return compact<ContainerDefinition>({
    name: c.name,
    image: c.image,
    essential: c.essential ?? true,
    entryPoint: nonEmpty(c.entryPoint),
    command: nonEmpty(c.command),
    cpu: c.cpu,
    memory: c.memory,
    memoryReservation: c.memoryReservation,
    environment: environmentList(c.environment),
    secrets: secretList(c.secrets),
    dependsOn: nonEmpty(c.dependsOn)?.map((d) => ({
      containerName: d.containerName,
      condition: d.condition,
    })),
    workingDirectory: c.workingDirectory,
    user: c.user,
    stopTimeout: c.stopTimeout,
    readonlyRootFilesystem: c.readonlyRootFilesystem,
    dockerLabels: nonEmptyRecord(c.dockerLabels),
    firelensConfiguration: firelens
      ? compact({ type: firelens.type, options: nonEmptyRecord(firelens.options) })
      : undefined,
    logConfiguration: logConfiguration(c.logging ?? {}, logCtx, `${pointer}/logging`, report),
  });
}

/** run.container, else the first essential container, else the first one. */
export function mainContainerName(containers: ContainerSpec[], runContainer: string | undefined): string {
  if (runContainer) return runContainer;
  return (containers.find((c) => c.essential !== false) ?? containers[0])?.name ?? '';
}
