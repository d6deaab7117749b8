// Narrow ports to AWS. src/aws implements them with the SDK; everything else depends
// only on these interfaces. Methods throw BerthError (model/errors.ts) with typed codes.
import type {
  EcsTask,
  LiveScheduleDescription,
  LiveTaskDefinitionDescription,
  RunTaskInput,
  ScheduleInput,
  ScheduleSummary,
  TaskDefinitionInput,
} from './aws-types.js';

export interface EcsPort {
  /**
   * Every task-definition ARN (family:revision) with this status whose family starts with
   * familyPrefix (or is exactly `family`), all pages, sorted by (family, revision) oldest first.
   */
  listTaskDefinitionArns(opts: {
    familyPrefix?: string;
    family?: string;
    status: 'ACTIVE' | 'INACTIVE';
  }): Promise<string[]>;
  /** Full description + tags of one revision; undefined when it does not exist. */
  describeTaskDefinition(
    arnOrFamilyRevision: string,
  ): Promise<{ taskDefinition: LiveTaskDefinitionDescription; tags: Record<string, string> } | undefined>;
  registerTaskDefinition(input: TaskDefinitionInput): Promise<{ arn: string; revision: number }>;
  deregisterTaskDefinition(arn: string): Promise<void>;
  /** Deletes INACTIVE revisions (batched by 10 inside). */
  deleteTaskDefinitions(arns: string[]): Promise<void>;
  tagResource(arn: string, tags: Record<string, string>): Promise<void>;
  runTask(input: RunTaskInput): Promise<{ tasks: EcsTask[]; failures: { arn?: string; reason?: string }[] }>;
  describeTasks(cluster: string, taskArns: string[]): Promise<EcsTask[]>;
  /** Cluster ARN when it exists (ACTIVE), undefined otherwise. */
  describeCluster(nameOrArn: string): Promise<string | undefined>;
}

export interface SchedulerPort {
  /** The group and its tags, or undefined when it does not exist. */
  getScheduleGroup(
    name: string,
  ): Promise<{ arn: string; state?: string; tags: Record<string, string> } | undefined>;
  createScheduleGroup(name: string, tags: Record<string, string>, clientToken?: string): Promise<string>;
  tagResource(arn: string, tags: Record<string, string>): Promise<void>;
  /** All schedule summaries of a group, all pages. */
  listSchedules(group: string): Promise<ScheduleSummary[]>;
  getSchedule(group: string, name: string): Promise<LiveScheduleDescription | undefined>;
  createSchedule(input: ScheduleInput): Promise<string>;
  /** UpdateSchedule replaces the whole schedule: input is the complete desired schedule. */
  updateSchedule(input: ScheduleInput): Promise<string>;
  deleteSchedule(group: string, name: string, clientToken?: string): Promise<void>;
}

/** Every AWS call, counted by service and operation (middleware in src/aws). */
export interface CallCounter {
  snapshot(): Record<string, number>;
  total(): number;
  reset(): void;
  /** HTTP attempts by "service:Operation", retries included (snapshot() counts each call once). */
  attempts?(): Record<string, number>;
}

export interface AwsPorts {
  ecs: EcsPort;
  scheduler: SchedulerPort;
  calls: CallCounter;
  region: string;
  accountId?: string;
  /** Resolved region and endpoint (without credentials): keys caches so accounts never mix. */
  connection?(): Promise<{ region: string; endpoint: string }>;
}
