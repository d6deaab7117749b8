// One container definition in comparable form (AWS-NOTES.md "Normalising a live task definition").
import type { ContainerDefinition } from '../model/aws-types.js';
import { byName, compact, unordered } from './json.js';

type PortMapping = NonNullable<ContainerDefinition['portMappings']>[number];
type HealthCheck = NonNullable<ContainerDefinition['healthCheck']>;

/** Defaults ECS fills into a health check the input left partial. */
const HEALTH_CHECK_DEFAULTS = { interval: 30, retries: 3, timeout: 5 } as const;

/**
 * The container as a map entry (its name is the key, so it is left out). Environment
 * and secrets become maps keyed by variable name, so their order never shows as a change.
 */
export function normaliseContainer(c: ContainerDefinition, awsvpc: boolean): unknown {
  const out: Record<string, unknown> = {};
  // A plain copy: object-rest destructuring of this many keys is measurably slow at scale.
  for (const [k, v] of Object.entries(c)) if (k !== 'name') out[k] = v;
  return compact(
    Object.assign(out, {
      // moto and AWS report cpu 0 for "no reservation".
      cpu: c.cpu === 0 ? undefined : c.cpu,
      essential: c.essential ?? true,
      environment: byName(c.environment, (e) => e.value),
      secrets: byName(c.secrets, (s) => s.valueFrom),
      portMappings: unordered(c.portMappings, (p) => normalisePort(p, awsvpc)),
      mountPoints: unordered(c.mountPoints),
      volumesFrom: unordered(c.volumesFrom),
      environmentFiles: unordered(c.environmentFiles),
      dependsOn: unordered(c.dependsOn),
      ulimits: unordered(c.ulimits),
      resourceRequirements: unordered(c.resourceRequirements),
      healthCheck: c.healthCheck ? normaliseHealthCheck(c.healthCheck) : undefined,
      // Option keys keep their case: the log driver reads them verbatim.
      logConfiguration: c.logConfiguration
        ? { ...c.logConfiguration, secretOptions: unordered(c.logConfiguration.secretOptions) }
        : undefined,
    }),
  );
}

function normalisePort(p: PortMapping, awsvpc: boolean): unknown {
  const hostPort = awsvpc ? (p.hostPort ?? p.containerPort) : p.hostPort === 0 ? undefined : p.hostPort;
  return compact({ ...p, hostPort, protocol: p.protocol === 'tcp' ? undefined : p.protocol });
}

function normaliseHealthCheck(h: HealthCheck): unknown {
  return {
    ...h,
    interval: h.interval ?? HEALTH_CHECK_DEFAULTS.interval,
    retries: h.retries ?? HEALTH_CHECK_DEFAULTS.retries,
    timeout: h.timeout ?? HEALTH_CHECK_DEFAULTS.timeout,
  };
}
