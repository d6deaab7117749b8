// Containers of an imported job: the single-container shorthand (image, command, environment,
// secrets at spec level) when the task has one plain container, else spec.containers.
import type { LogContext } from '../desired/logging.js';
import type { ContainerDefinition } from '../model/aws-types.js';
import type { LoggingSpec } from '../model/manifest.js';
import { deepEqual } from '../plan/json.js';
import { loggingSpec } from './logging.js';
import { defined, mapOf, sortedKeys } from './minimise.js';

type Plain = Record<string, unknown>;

/** Container fields a manifest can say (ContainerSpec); anything else is reported as not imported. */
export const CONTAINER_FIELDS = new Set([
  'name',
  'image',
  'essential',
  'entryPoint',
  'command',
  'cpu',
  'memory',
  'memoryReservation',
  'environment',
  'secrets',
  'dependsOn',
  'workingDirectory',
  'user',
  'stopTimeout',
  'readonlyRootFilesystem',
  'dockerLabels',
  'firelensConfiguration',
  'logConfiguration',
]);
/** What the shorthand can carry besides logging. */
const SHORTHAND = new Set(['name', 'image', 'entryPoint', 'command', 'environment', 'secrets']);

export interface ContainersResult {
  /** Either shorthand fields (image, containerName, …, logging) or { containers, logging? }. */
  fields: Plain;
  /** Containers whose logging no manifest reproduces. */
  inexactLogging: string[];
}

export function containersSpec(
  defs: ContainerDefinition[],
  job: string,
  defaultLogging: LoggingSpec,
  ctx: LogContext,
): ContainersResult {
  const inexactLogging: string[] = [];
  const entries = defs.map((c) => {
    const log = loggingSpec(c.logConfiguration, defaultLogging, ctx);
    if (!log.exact) inexactLogging.push(c.name ?? '');
    return { body: containerBody(c), logging: log.logging };
  });
  const only = entries[0];
  if (entries.length === 1 && only && Object.keys(only.body).every((k) => SHORTHAND.has(k))) {
    const { name, image, ...rest } = only.body;
    const fields: Plain = defined({
      image,
      containerName: name === job ? undefined : name,
      ...rest,
      logging: only.logging,
    });
    return { fields, inexactLogging };
  }
  // The same logging for every container reads better once, at spec level.
  const shared = entries.every((e) => deepEqual(e.logging, only?.logging)) ? only?.logging : undefined;
  const containers = entries.map((e) => defined({ ...e.body, logging: shared ? undefined : e.logging }));
  return { fields: defined({ containers, logging: shared }), inexactLogging };
}

function containerBody(c: ContainerDefinition): Plain {
  const list = <T>(l: T[] | undefined) => (l && l.length > 0 ? l : undefined);
  const record = (r: Record<string, string> | undefined) =>
    r && Object.keys(r).length > 0 ? sortedKeys(r) : undefined;
  const firelens = c.firelensConfiguration;
  return defined({
    name: c.name,
    image: c.image,
    // essential defaults to true; written only when a container is not essential.
    essential: c.essential === false ? false : undefined,
    entryPoint: list(c.entryPoint),
    command: list(c.command),
    // ECS reports cpu 0 for "no reservation".
    cpu: c.cpu ? c.cpu : undefined,
    memory: c.memory,
    memoryReservation: c.memoryReservation,
    environment: mapOf(c.environment, (e) => e.value),
    secrets: mapOf(c.secrets, (s) => s.valueFrom),
    dependsOn: list(c.dependsOn)?.map((d) => ({ containerName: d.containerName, condition: d.condition })),
    workingDirectory: c.workingDirectory,
    user: c.user,
    stopTimeout: c.stopTimeout,
    readonlyRootFilesystem: c.readonlyRootFilesystem,
    dockerLabels: record(c.dockerLabels),
    firelensConfiguration: firelens
      ? defined({ type: firelens.type, options: record(firelens.options) })
      : undefined,
  });
}
