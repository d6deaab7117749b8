// A task definition in comparable form: desired input and live description both go through
// here, so anything AWS adds, reorders or rewrites compares equal to what berth sent.
import type { ContainerDefinition, EcsTag, TaskDefinitionInput } from '../model/aws-types.js';
import type { LiveFamily } from '../model/live.js';
import { parseCpu, parseMemory } from '../manifests/units.js';
import { byName, compact, unordered } from './json.js';
import { normaliseContainer } from './normalise-container.js';
import { tagMap } from './normalise-tags.js';

/**
 * The RegisterTaskDefinition input fields that take part. Describe-only fields
 * (taskDefinitionArn, revision, status, registeredAt, …) are not listed, so they never do.
 */
const FIELDS = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'tags',
] as const;

type Field = (typeof FIELDS)[number];
type Volume = NonNullable<TaskDefinitionInput['volumes']>[number];
/** What both sides provide: the input fields, loosely typed (describe output is the same shape). */
export type TaskDefinitionFields = { [K in Field]?: unknown };

export function normaliseTaskDefinition(
  td: TaskDefinitionFields,
  keepTag: (key: string) => boolean,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const f of FIELDS) picked[f] = td[f];
  const awsvpc = td.networkMode === 'awsvpc';
  const containers = (td.containerDefinitions ?? []) as ContainerDefinition[];
  const proxy = td.proxyConfiguration as TaskDefinitionInput['proxyConfiguration'];
  return (compact({
    ...picked,
    // ECS's default network mode on Linux; moto writes it out, AWS may not.
    networkMode: td.networkMode === 'bridge' ? undefined : td.networkMode,
    cpu: units(td.cpu, parseCpu),
    memory: units(td.memory, parseMemory),
    containerDefinitions: byName(containers, (c) => normaliseContainer(c, awsvpc)),
    volumes: unordered(td.volumes as Volume[] | undefined, normaliseVolume),
    placementConstraints: unordered(td.placementConstraints as unknown[] | undefined),
    requiresCompatibilities: unordered(td.requiresCompatibilities as unknown[] | undefined),
    inferenceAccelerators: unordered(td.inferenceAccelerators as unknown[] | undefined),
    proxyConfiguration: proxy ? { ...proxy, properties: unordered(proxy.properties) } : undefined,
    tags: tagMap(td.tags as EcsTag[] | undefined, keepTag),
  }) ?? {}) as Record<string, unknown>;
}

/** EFS volumes: AWS and moto fill in rootDirectory "/" when the input left it out. */
function normaliseVolume(v: Volume): unknown {
  const efs = v.efsVolumeConfiguration;
  if (!efs || efs.rootDirectory !== '/') return compact(v);
  return compact({ ...v, efsVolumeConfiguration: { ...efs, rootDirectory: undefined } });
}

/** The live latest revision as input fields, its tags (read separately) included. */
export function liveTaskDefinitionFields(family: LiveFamily): TaskDefinitionFields {
  return { ...family.latest.description, tags: family.latest.tags } as TaskDefinitionFields;
}

/**
 * "1 vCPU" ≡ "1024", "2 GB" ≡ "2048", 1024 ≡ "1024". The manifests' own unit parser reads
 * them, so a value never normalises differently from the way the desired input was rendered.
 */
function units(
  v: unknown,
  parse: (s: string | number) => { ok: true; value: number } | { ok: false },
): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') return String(v);
  const parsed = parse(v);
  return parsed.ok ? String(parsed.value) : String(v).trim();
}
