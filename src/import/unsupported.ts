// Settings of a live job that a berth manifest cannot say. They are named up front; the round
// trip (round-trip.ts) then shows exactly what the first apply would change because of them.
import type { LiveScheduleDescription, LiveTaskDefinitionDescription } from '../model/aws-types.js';
import { compact } from '../plan/json.js';
import { CONTAINER_FIELDS } from './containers.js';

/** RegisterTaskDefinition fields a manifest has no place for. */
const TASK_ONLY_IN_AWS = [
  'volumes',
  'placementConstraints',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
];
const ECS_PARAMETERS_ONLY_IN_AWS = ['PlacementConstraints', 'PlacementStrategy', 'ReferenceId'];

export function unsupportedSettings(
  td: LiveTaskDefinitionDescription,
  schedule: LiveScheduleDescription | undefined,
): string[] {
  const out: string[] = [];
  const fields = td as Record<string, unknown>;
  for (const f of TASK_ONLY_IN_AWS) if (compact(fields[f]) !== undefined) out.push(`task definition ${f}`);
  for (const c of td.containerDefinitions ?? []) {
    const extra = Object.entries(c)
      .filter(([k, v]) => !CONTAINER_FIELDS.has(k) && compact(v) !== undefined)
      // moto and AWS fill these in on their own; they mean "nothing".
      .filter(([k, v]) => !(k === 'cpu' && v === 0))
      .map(([k]) => k)
      .sort();
    if (extra.length > 0) out.push(`container ${c.name}: ${extra.join(', ')}`);
    if (c.logConfiguration?.secretOptions?.length)
      out.push(`container ${c.name}: logConfiguration.secretOptions`);
  }
  const ecs = schedule?.Target?.EcsParameters as Record<string, unknown> | undefined;
  for (const f of ECS_PARAMETERS_ONLY_IN_AWS)
    if (compact(ecs?.[f]) !== undefined) out.push(`schedule EcsParameters.${f}`);
  if (schedule?.KmsKeyArn) out.push('schedule KmsKeyArn');
  return out;
}
