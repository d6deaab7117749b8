// Job manifest and repository config, as users write them (after YAML parsing).
// The JSON Schemas in schemas/ are the source of truth; test/unit/manifests/schema-types.test.ts
// keeps these types and the schemas in step.

/** "0.5 vCPU", "1 vcpu", 512, "512" */
export type CpuSpec = number | string;
/** "1 GB", "512 MiB", 1024, "1024" */
export type MemorySpec = number | string;

export interface CapacityProviderItem {
  capacityProvider: string;
  weight?: number;
  base?: number;
}

export interface RuntimePlatformSpec {
  cpuArchitecture?: 'X86_64' | 'ARM64';
  operatingSystemFamily?: string;
}

export interface TaskSpec {
  cpu?: CpuSpec;
  memory?: MemorySpec;
  launchType?: 'FARGATE' | 'EC2' | 'EXTERNAL';
  capacityProviderStrategy?: CapacityProviderItem[];
  platformVersion?: string;
  runtimePlatform?: RuntimePlatformSpec;
  /** Fargate ephemeral storage in GiB (21–200). */
  ephemeralStorageGiB?: number;
  taskRoleArn?: string;
  executionRoleArn?: string;
  networkMode?: 'awsvpc' | 'bridge' | 'host' | 'none';
}

export interface LoggingSpec {
  /** awslogs (default) | firelens | none */
  driver?: 'awslogs' | 'awsfirelens' | 'none';
  /** awslogs group; `{job}` and `{prefix}` are substituted. */
  group?: string;
  streamPrefix?: string;
  region?: string;
  /** awslogs-create-group */
  createGroup?: boolean;
  /** Extra log driver options, copied verbatim (keys keep their case). */
  options?: Record<string, string>;
}

export interface DependsOnSpec {
  containerName: string;
  condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';
}

export interface ContainerSpec {
  name: string;
  image: string;
  entryPoint?: string[];
  command?: string[];
  /** Plain environment; values are strings (numbers/booleans are stringified). */
  environment?: Record<string, string | number | boolean>;
  /** Secrets: env var name → SSM parameter or Secrets Manager ARN. Never plaintext. */
  secrets?: Record<string, string>;
  logging?: LoggingSpec;
  essential?: boolean;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  dependsOn?: DependsOnSpec[];
  workingDirectory?: string;
  user?: string;
  stopTimeout?: number;
  /** firelens router settings for a log-router container */
  firelensConfiguration?: { type: 'fluentbit' | 'fluentd'; options?: Record<string, string> };
  readonlyRootFilesystem?: boolean;
  dockerLabels?: Record<string, string>;
}

export interface RetrySpec {
  maximumEventAgeInSeconds?: number;
  maximumRetryAttempts?: number;
}

export interface ScheduleSpec {
  /** cron(m h dom mon dow yr) | rate(N unit) | at(yyyy-mm-ddThh:mm:ss) */
  expression: string;
  timezone?: string;
  state?: 'ENABLED' | 'DISABLED';
  description?: string;
  startDate?: string;
  endDate?: string;
  /** Minutes of flexible window; 0 or "off" means OFF. */
  flexibleWindowMinutes?: number;
  retry?: RetrySpec;
  deadLetterQueueArn?: string;
  actionAfterCompletion?: 'NONE' | 'DELETE';
}

export interface ContainerOverrideSpec {
  command?: string[];
  environment?: Record<string, string | number | boolean>;
}

export interface NetworkSpec {
  subnets?: string[];
  securityGroups?: string[];
  assignPublicIp?: boolean;
}

export interface RunSpec extends ContainerOverrideSpec, NetworkSpec {
  /** Container the shorthand command/environment override applies to (default: the job's main container). */
  container?: string;
  /** Overrides for further containers, by container name. */
  containers?: Record<string, ContainerOverrideSpec>;
  /** Cluster name or ARN; defaults to the config's cluster. */
  cluster?: string;
  taskCount?: number;
  tags?: Record<string, string>;
  propagateTags?: 'TASK_DEFINITION' | 'NONE';
  enableEcsManagedTags?: boolean;
  enableExecuteCommand?: boolean;
  group?: string;
  /** Longest a run may take ("2h"): the controller alerts, and stops it with stopAfterMaxDuration. */
  maxDuration?: string;
  stopAfterMaxDuration?: boolean;
  /** Schedule fired while the previous run is still RUNNING: allow (default) or alert. */
  overlap?: 'allow' | 'alert';
}

export interface SyncSpec {
  /** Leave the job alone: no plan actions, no drift healing. */
  suspend?: boolean;
  /** Revert out-of-band changes automatically (controller). */
  selfHeal?: boolean;
  /** Never delete this job's resources, even when its manifest is removed. */
  preventDestroy?: boolean;
}

export interface JobSpec {
  task?: TaskSpec;
  /** Single-container shorthand: a container named after the job (or `containerName`). */
  image?: string;
  containerName?: string;
  entryPoint?: string[];
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  logging?: LoggingSpec;
  containers?: ContainerSpec[];
  schedule?: ScheduleSpec;
  run?: RunSpec;
  sync?: SyncSpec;
  tags?: Record<string, string>;
  /** Per-environment overrides of the fields above, by environment name (berth.yaml spec.environments). */
  environments?: Record<string, JobSpecOverride>;
}

/** What one environment changes in a job: any spec field but environments; null drops a value. */
export type JobSpecOverride = {
  [K in Exclude<keyof JobSpec, 'environments' | 'schedule'>]?: JobSpec[K] | null;
} & { schedule?: Partial<ScheduleSpec> | null };

export interface JobMetadata {
  name: string;
  description?: string;
  labels?: Record<string, string>;
}

export interface JobManifest {
  apiVersion: 'berth/v1';
  kind: 'Job';
  metadata: JobMetadata;
  spec: JobSpec;
}

export interface PruneSpec {
  /** Delete resources of jobs whose manifests were removed (default true). */
  enabled?: boolean;
  /** Refuse to prune when the desired set is empty (default false = refuse). */
  allowEmpty?: boolean;
  /** Refuse to prune more than this fraction of owned jobs in one plan (default 0.5). */
  maxDeleteFraction?: number;
  /** Also DeleteTaskDefinitions for deregistered (INACTIVE) revisions. */
  deleteInactive?: boolean;
}

/** Optional DynamoDB lease that keeps two writers (apply, controller replicas) from overlapping. */
export interface LockSpec {
  /** DynamoDB table with a string hash key LockID (the shape of Terraform's lock table). */
  table: string;
  /** How long a lease lives without renewal; the holder renews every third of it. Default 60. */
  ttlSeconds?: number;
}

/** Run health (berth.yaml spec.runs): history kept, missed-run grace, the durable run feed. */
export interface RunsSpec {
  /** Provision the EventBridge rule + SQS queue feed of task state changes. */
  enabled?: boolean;
  retentionDays?: number;
  keep?: number;
  missedRunGraceMinutes?: number;
}

export interface ConfigDefaults {
  task?: TaskSpec;
  network?: NetworkSpec;
  logging?: LoggingSpec;
  schedule?: Omit<ScheduleSpec, 'expression'>;
  run?: Omit<RunSpec, 'command' | 'environment' | 'container' | 'containers'>;
  sync?: SyncSpec;
}

export interface RepoConfigSpec {
  region?: string;
  /** Account the credentials must belong to (checked with STS GetCallerIdentity). */
  account?: string;
  /** IAM role berth assumes before calling AWS. */
  role?: string;
  /** Cluster name or ARN. */
  cluster: string;
  /** Prefix of task-definition families and schedule names (e.g. "etl-"). */
  namePrefix?: string;
  /** The EventBridge Scheduler group berth owns (created and tagged by berth). */
  scheduleGroup: string;
  /** Role EventBridge Scheduler assumes to call ecs:RunTask. */
  schedulerRoleArn?: string;
  /** Where job manifests live, relative to the config file (default "jobs"). */
  jobsDir?: string;
  keepRevisions?: number;
  prune?: PruneSpec;
  tags?: Record<string, string>;
  /** Tag keys owned by other tools; ignored by the differ. */
  ignoreTagKeys?: string[];
  defaults?: ConfigDefaults;
  /** Lease for apply and controller leader election (absent: no protection against concurrent writers). */
  lock?: LockSpec;
  /** Run health settings and the durable run feed. */
  runs?: RunsSpec;
  /** Named environments overlaying the settings above (resolved at load into one effective spec). */
  environments?: Record<string, EnvironmentSpec>;
  /** The environment used when no --env / BERTH_ENV names one. */
  defaultEnvironment?: string;
}

/** Settings one environment overrides, and which jobs run there. */
export interface EnvironmentSpec {
  region?: string;
  account?: string;
  role?: string;
  cluster?: string;
  namePrefix?: string;
  scheduleGroup?: string;
  schedulerRoleArn?: string;
  keepRevisions?: number;
  prune?: PruneSpec;
  tags?: Record<string, string>;
  ignoreTagKeys?: string[];
  defaults?: ConfigDefaults;
  lock?: LockSpec;
  jobs?: EnvironmentJobs;
}

/** Job selection of an environment: name patterns (* and ?) and labels. */
export interface EnvironmentJobs {
  include?: string[];
  exclude?: string[];
  labels?: Record<string, string>;
}

export interface RepoConfig {
  apiVersion: 'berth/v1';
  kind: 'Config';
  metadata: { name: string };
  spec: RepoConfigSpec;
}
