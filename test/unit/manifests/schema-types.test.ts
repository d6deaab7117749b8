// The TypeScript model (src/model/manifest.ts) and the JSON Schemas must describe the same
// fields. Each `Presence<T>` literal below is checked by the compiler against the interface
// (a field added to or removed from T, or made optional, breaks the build) and by this test
// against the schema (a field added to or removed from the schema fails the test).
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../../src/manifests/schemas.js';
import type {
  CapacityProviderItem,
  ConfigDefaults,
  ContainerOverrideSpec,
  ContainerSpec,
  DependsOnSpec,
  EnvironmentJobs,
  EnvironmentSpec,
  JobManifest,
  JobMetadata,
  JobSpec,
  JobSpecOverride,
  LockSpec,
  RunsSpec,
  LoggingSpec,
  NetworkSpec,
  PruneSpec,
  RepoConfig,
  RepoConfigSpec,
  RetrySpec,
  RunSpec,
  RuntimePlatformSpec,
  ScheduleSpec,
  SyncSpec,
  TaskSpec,
} from '../../../src/model/manifest.js';

type Presence<T> = { [K in keyof T]-?: object extends Pick<T, K> ? 'optional' : 'required' };
type Schema = Record<string, unknown>;

const jobManifest: Presence<JobManifest> = {
  apiVersion: 'required',
  kind: 'required',
  metadata: 'required',
  spec: 'required',
};
const jobMetadata: Presence<JobMetadata> = { name: 'required', description: 'optional', labels: 'optional' };
const jobSpec: Presence<JobSpec> = {
  task: 'optional',
  image: 'optional',
  containerName: 'optional',
  entryPoint: 'optional',
  command: 'optional',
  environment: 'optional',
  secrets: 'optional',
  logging: 'optional',
  containers: 'optional',
  schedule: 'optional',
  run: 'optional',
  sync: 'optional',
  tags: 'optional',
  environments: 'optional',
};
const jobSpecOverride: Presence<JobSpecOverride> = {
  task: 'optional',
  image: 'optional',
  containerName: 'optional',
  entryPoint: 'optional',
  command: 'optional',
  environment: 'optional',
  secrets: 'optional',
  logging: 'optional',
  containers: 'optional',
  schedule: 'optional',
  run: 'optional',
  sync: 'optional',
  tags: 'optional',
};
const taskSpec: Presence<TaskSpec> = {
  cpu: 'optional',
  memory: 'optional',
  launchType: 'optional',
  capacityProviderStrategy: 'optional',
  platformVersion: 'optional',
  runtimePlatform: 'optional',
  ephemeralStorageGiB: 'optional',
  taskRoleArn: 'optional',
  executionRoleArn: 'optional',
  networkMode: 'optional',
};
const capacityProviderItem: Presence<CapacityProviderItem> = {
  capacityProvider: 'required',
  weight: 'optional',
  base: 'optional',
};
const runtimePlatform: Presence<RuntimePlatformSpec> = {
  cpuArchitecture: 'optional',
  operatingSystemFamily: 'optional',
};
const logging: Presence<LoggingSpec> = {
  driver: 'optional',
  group: 'optional',
  streamPrefix: 'optional',
  region: 'optional',
  createGroup: 'optional',
  options: 'optional',
};
const container: Presence<ContainerSpec> = {
  name: 'required',
  image: 'required',
  entryPoint: 'optional',
  command: 'optional',
  environment: 'optional',
  secrets: 'optional',
  logging: 'optional',
  essential: 'optional',
  cpu: 'optional',
  memory: 'optional',
  memoryReservation: 'optional',
  dependsOn: 'optional',
  workingDirectory: 'optional',
  user: 'optional',
  stopTimeout: 'optional',
  firelensConfiguration: 'optional',
  readonlyRootFilesystem: 'optional',
  dockerLabels: 'optional',
};
const firelens: Presence<NonNullable<ContainerSpec['firelensConfiguration']>> = {
  type: 'required',
  options: 'optional',
};
const dependsOn: Presence<DependsOnSpec> = { containerName: 'required', condition: 'required' };
const schedule: Presence<ScheduleSpec> = {
  expression: 'required',
  timezone: 'optional',
  state: 'optional',
  description: 'optional',
  startDate: 'optional',
  endDate: 'optional',
  flexibleWindowMinutes: 'optional',
  retry: 'optional',
  deadLetterQueueArn: 'optional',
  actionAfterCompletion: 'optional',
};
const retry: Presence<RetrySpec> = { maximumEventAgeInSeconds: 'optional', maximumRetryAttempts: 'optional' };
const containerOverride: Presence<ContainerOverrideSpec> = { command: 'optional', environment: 'optional' };
const network: Presence<NetworkSpec> = {
  subnets: 'optional',
  securityGroups: 'optional',
  assignPublicIp: 'optional',
};
const run: Presence<RunSpec> = {
  command: 'optional',
  environment: 'optional',
  container: 'optional',
  containers: 'optional',
  cluster: 'optional',
  taskCount: 'optional',
  tags: 'optional',
  propagateTags: 'optional',
  enableEcsManagedTags: 'optional',
  enableExecuteCommand: 'optional',
  group: 'optional',
  maxDuration: 'optional',
  stopAfterMaxDuration: 'optional',
  overlap: 'optional',
  subnets: 'optional',
  securityGroups: 'optional',
  assignPublicIp: 'optional',
};
const sync: Presence<SyncSpec> = { suspend: 'optional', selfHeal: 'optional', preventDestroy: 'optional' };
const repoConfig: Presence<RepoConfig> = {
  apiVersion: 'required',
  kind: 'required',
  metadata: 'required',
  spec: 'required',
};
const configMetadata: Presence<RepoConfig['metadata']> = { name: 'required' };
const repoConfigSpec: Presence<RepoConfigSpec> = {
  region: 'optional',
  account: 'optional',
  role: 'optional',
  environments: 'optional',
  defaultEnvironment: 'optional',
  cluster: 'required',
  namePrefix: 'optional',
  scheduleGroup: 'required',
  schedulerRoleArn: 'optional',
  jobsDir: 'optional',
  keepRevisions: 'optional',
  prune: 'optional',
  tags: 'optional',
  ignoreTagKeys: 'optional',
  defaults: 'optional',
  lock: 'optional',
  runs: 'optional',
};
const runs: Presence<RunsSpec> = {
  enabled: 'optional',
  retentionDays: 'optional',
  keep: 'optional',
  missedRunGraceMinutes: 'optional',
};
const environment: Presence<EnvironmentSpec> = {
  region: 'optional',
  account: 'optional',
  role: 'optional',
  cluster: 'optional',
  namePrefix: 'optional',
  scheduleGroup: 'optional',
  schedulerRoleArn: 'optional',
  keepRevisions: 'optional',
  prune: 'optional',
  tags: 'optional',
  ignoreTagKeys: 'optional',
  defaults: 'optional',
  lock: 'optional',
  jobs: 'optional',
};
const environmentJobs: Presence<EnvironmentJobs> = {
  include: 'optional',
  exclude: 'optional',
  labels: 'optional',
};
const lock: Presence<LockSpec> = { table: 'required', ttlSeconds: 'optional' };
const prune: Presence<PruneSpec> = {
  enabled: 'optional',
  allowEmpty: 'optional',
  maxDeleteFraction: 'optional',
  deleteInactive: 'optional',
};
const defaults: Presence<ConfigDefaults> = {
  task: 'optional',
  network: 'optional',
  logging: 'optional',
  schedule: 'optional',
  run: 'optional',
  sync: 'optional',
};
const scheduleDefaults: Presence<NonNullable<ConfigDefaults['schedule']>> = {
  timezone: 'optional',
  state: 'optional',
  description: 'optional',
  startDate: 'optional',
  endDate: 'optional',
  flexibleWindowMinutes: 'optional',
  retry: 'optional',
  deadLetterQueueArn: 'optional',
  actionAfterCompletion: 'optional',
};
const runDefaults: Presence<NonNullable<ConfigDefaults['run']>> = {
  cluster: 'optional',
  taskCount: 'optional',
  tags: 'optional',
  propagateTags: 'optional',
  enableEcsManagedTags: 'optional',
  enableExecuteCommand: 'optional',
  group: 'optional',
  maxDuration: 'optional',
  stopAfterMaxDuration: 'optional',
  overlap: 'optional',
  subnets: 'optional',
  securityGroups: 'optional',
  assignPublicIp: 'optional',
};

const job = loadSchema('job');
const config = loadSchema('config');

function at(root: Schema, path: string): Schema {
  let node: unknown = root;
  for (const part of path.split('/').filter(Boolean)) node = (node as Schema)[part];
  const ref = (node as Schema).$ref;
  if (typeof ref === 'string') return at(root, ref.slice(1));
  return node as Schema;
}

const pairs: [string, Record<string, 'required' | 'optional'>, Schema, string][] = [
  ['JobManifest', jobManifest, job, ''],
  ['JobMetadata', jobMetadata, job, '/definitions/metadata'],
  ['JobSpec', jobSpec, job, '/definitions/spec'],
  ['TaskSpec (job)', taskSpec, job, '/definitions/task'],
  ['TaskSpec (config)', taskSpec, config, '/definitions/task'],
  ['CapacityProviderItem', capacityProviderItem, job, '/definitions/capacityProviderItem'],
  ['RuntimePlatformSpec', runtimePlatform, job, '/definitions/runtimePlatform'],
  ['LoggingSpec', logging, job, '/definitions/logging'],
  ['ContainerSpec', container, job, '/definitions/container'],
  ['firelensConfiguration', firelens, job, '/definitions/container/properties/firelensConfiguration'],
  ['DependsOnSpec', dependsOn, job, '/definitions/dependsOn'],
  ['ScheduleSpec', schedule, job, '/definitions/schedule'],
  ['RetrySpec', retry, job, '/definitions/retry'],
  ['ContainerOverrideSpec', containerOverride, job, '/definitions/containerOverride'],
  ['RunSpec', run, job, '/definitions/run'],
  ['SyncSpec', sync, job, '/definitions/sync'],
  ['NetworkSpec', network, config, '/definitions/network'],
  ['RepoConfig', repoConfig, config, ''],
  ['RepoConfig.metadata', configMetadata, config, '/properties/metadata'],
  ['RepoConfigSpec', repoConfigSpec, config, '/definitions/spec'],
  ['EnvironmentSpec', environment, config, '/definitions/environment'],
  ['EnvironmentJobs', environmentJobs, config, '/definitions/environmentJobs'],
  ['JobSpecOverride', jobSpecOverride, job, '/definitions/specOverride'],
  ['ScheduleSpec (override)', { ...schedule, expression: 'optional' }, job, '/definitions/scheduleOverride'],
  ['PruneSpec', prune, config, '/definitions/prune'],
  ['LockSpec', lock, config, '/definitions/lock'],
  ['RunsSpec', runs, config, '/definitions/spec/properties/runs'],
  ['ConfigDefaults', defaults, config, '/definitions/defaults'],
  ['ConfigDefaults.schedule', scheduleDefaults, config, '/definitions/scheduleDefaults'],
  ['ConfigDefaults.run', runDefaults, config, '/definitions/runDefaults'],
];

describe('TypeScript model and JSON Schemas', () => {
  it.each(pairs)('%s has the same fields in both', (_name, presence, root, path) => {
    const schema = at(root, path);
    const properties = Object.keys(schema.properties as Schema).sort();
    expect(properties).toEqual(Object.keys(presence).sort());
    const required = ((schema.required as string[] | undefined) ?? []).slice().sort();
    const tsRequired = Object.entries(presence)
      .filter(([, p]) => p === 'required')
      .map(([k]) => k)
      .sort();
    expect(required).toEqual(tsRequired);
  });
});
