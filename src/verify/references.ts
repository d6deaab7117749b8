// Every AWS reference in the desired state, with the place it is written. Pure: the rendered
// SDK inputs say what is referenced, the manifests say where.
import type { ContainerDefinition } from '../model/aws-types.js';
import type { DesiredJob, DesiredState } from '../model/desired.js';
import type { LoadedJob } from '../model/diagnostics.js';
import type { RepoConfig } from '../model/manifest.js';
import {
  clusterLocation,
  containerLocation,
  deadLetterLocation,
  logGroupLocation,
  networkLocation,
  roleLocation,
  type Place,
} from './locate.js';
import type { Reference } from './types.js';

export const ECS_TASKS = 'ecs-tasks.amazonaws.com';
export const SCHEDULER = 'scheduler.amazonaws.com';

export interface ReferenceInput {
  desired: DesiredState;
  config: RepoConfig;
  configFile: string;
  /** The loaded manifests, to name the file and field of each reference. */
  jobs: LoadedJob[];
  /** Only these jobs (repository-level references are always checked). */
  targets?: string[];
}

export function collectReferences(input: ReferenceInput): Reference[] {
  const { desired, config, configFile } = input;
  const byName = new Map(input.jobs.map((j) => [j.manifest.metadata.name, j]));
  const out: Reference[] = [];
  const repoLevel = { config, configFile, loaded: undefined };
  if (desired.clusterArn)
    out.push({
      target: { kind: 'cluster', arn: desired.clusterArn },
      job: undefined,
      locations: [{ file: configFile, field: 'spec.cluster' }],
    });
  const roleArn = config.spec.schedulerRoleArn;
  if (roleArn && desired.jobs.some((j) => j.schedule))
    out.push({
      target: { kind: 'role', arn: roleArn, service: SCHEDULER, use: 'scheduler' },
      job: undefined,
      locations: [{ file: configFile, field: 'spec.schedulerRoleArn' }],
    });
  for (const job of desired.jobs) {
    if (input.targets?.length && !input.targets.includes(job.name)) continue;
    const place: Place = { ...repoLevel, loaded: byName.get(job.name) };
    out.push(...jobReferences(job, desired, place));
  }
  return out;
}

function jobReferences(job: DesiredJob, desired: DesiredState, place: Place): Reference[] {
  const out: Reference[] = [];
  const add = (target: Reference['target'], ...locations: Reference['locations']) =>
    out.push({ target, job: job.name, locations });
  const td = job.taskDefinition;
  if (td.taskRoleArn)
    add(
      { kind: 'role', arn: td.taskRoleArn, service: ECS_TASKS, use: 'task' },
      roleLocation(place, 'taskRoleArn'),
    );
  if (td.executionRoleArn)
    add(
      { kind: 'role', arn: td.executionRoleArn, service: ECS_TASKS, use: 'execution' },
      roleLocation(place, 'executionRoleArn'),
    );
  for (const c of td.containerDefinitions ?? [])
    out.push(...containerReferences(c, job.name, desired, place));

  const target = job.schedule?.Target;
  if (!target) return out;
  if (target.Arn && target.Arn !== desired.clusterArn)
    add({ kind: 'cluster', arn: target.Arn }, clusterLocation(place));
  const vpc = target.EcsParameters?.NetworkConfiguration?.awsvpcConfiguration;
  if (vpc?.Subnets?.length)
    add(
      {
        kind: 'network',
        subnets: [...vpc.Subnets].sort(),
        securityGroups: [...(vpc.SecurityGroups ?? [])].sort(),
      },
      networkLocation(place, 'subnets'),
      networkLocation(place, 'securityGroups'),
    );
  if (target.DeadLetterConfig?.Arn)
    add({ kind: 'queue', arn: target.DeadLetterConfig.Arn }, deadLetterLocation(place));
  return out;
}

function containerReferences(
  c: ContainerDefinition,
  job: string,
  desired: DesiredState,
  place: Place,
): Reference[] {
  const name = c.name ?? '';
  const out: Reference[] = [];
  if (c.image)
    out.push({
      target: { kind: 'image', image: c.image },
      job,
      locations: [containerLocation(place, name, 'image')],
    });
  for (const s of c.secrets ?? [])
    if (s.valueFrom)
      out.push({
        target: { kind: 'secret', valueFrom: s.valueFrom },
        job,
        locations: [containerLocation(place, name, `secrets.${s.name ?? ''}`)],
      });
  const log = c.logConfiguration;
  const group = log?.logDriver === 'awslogs' ? log.options?.['awslogs-group'] : undefined;
  if (group)
    out.push({
      target: {
        kind: 'logGroup',
        name: group,
        region: log?.options?.['awslogs-region'] ?? desired.region,
        createGroup: log?.options?.['awslogs-create-group'] === 'true',
      },
      job,
      locations: [logGroupLocation(place, name)],
    });
  return out;
}
