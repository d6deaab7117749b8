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
import type { Target as EventRuleTarget } from '@aws-sdk/client-eventbridge';

export type { EventRuleTarget };

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
  /**
   * Family names starting with familyPrefix (a real prefix here, unlike ListTaskDefinitions'),
   * all pages, sorted. ACTIVE: families with at least one ACTIVE revision (AWS; the emulator
   * ignores the status and lists every family it ever saw).
   */
  listTaskDefinitionFamilies(opts: {
    familyPrefix: string;
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
  untagResource(arn: string, keys: string[]): Promise<void>;
  runTask(input: RunTaskInput): Promise<{ tasks: EcsTask[]; failures: { arn?: string; reason?: string }[] }>;
  describeTasks(cluster: string, taskArns: string[]): Promise<EcsTask[]>;
  /** Task ARNs of a cluster (all pages) by family and/or startedBy, RUNNING or STOPPED (ECS keeps stopped ones about an hour). */
  listTasks(opts: {
    cluster: string;
    family?: string;
    startedBy?: string;
    desiredStatus: 'RUNNING' | 'STOPPED';
  }): Promise<string[]>;
  /** Stops a task (maxDuration exceeded); the reason shows as its stoppedReason. */
  stopTask(cluster: string, taskArn: string, reason: string): Promise<void>;
  /** Cluster ARN when it exists (ACTIVE), undefined otherwise. */
  describeCluster(nameOrArn: string): Promise<string | undefined>;
}

export interface ScheduleGroupSummary {
  name: string;
  arn: string;
  state?: string;
  /** ISO time; a group deleted and made again under the same name has another. */
  created?: string;
}

export interface SchedulerPort {
  /** The group and its tags, or undefined when it does not exist. */
  getScheduleGroup(
    name: string,
  ): Promise<{ arn: string; state?: string; tags: Record<string, string> } | undefined>;
  createScheduleGroup(name: string, tags: Record<string, string>, clientToken?: string): Promise<string>;
  /** Every schedule group of the account and region (all pages), sorted by name. */
  listScheduleGroups(): Promise<ScheduleGroupSummary[]>;
  /** Tags of a schedule group by ARN. */
  listTags(arn: string): Promise<Record<string, string>>;
  /** Deletes a group (and, in AWS, any schedule left in it: callers check it is empty first). */
  deleteScheduleGroup(name: string): Promise<void>;
  tagResource(arn: string, tags: Record<string, string>): Promise<void>;
  untagResource(arn: string, keys: string[]): Promise<void>;
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
  /** Who the credentials belong to (STS GetCallerIdentity, asked once). */
  identity?(): Promise<{ account: string; arn: string }>;
  /** Reads lookups need (SSM, S3, CloudFormation), on the same credentials and call counter. */
  lookups?: LookupPorts;
}

// ---- Lookups ({{ ssm … }}, {{ tfstate "s3://…" … }}, {{ cfn … }}): plain values only. ----

export interface SsmParameter {
  name: string;
  /** String | StringList | SecureString */
  type: string;
  value: string;
}

export interface LookupPorts {
  /** GetParameters without decryption, by name or ARN (any number: batched by 10 inside). */
  getParameters(names: string[], region?: string): Promise<{ found: SsmParameter[]; missing: string[] }>;
  /** An S3 object's body as text; undefined when the bucket or key does not exist. */
  getObject(bucket: string, key: string): Promise<string | undefined>;
  /** A CloudFormation stack's outputs; undefined when the stack does not exist. */
  stackOutputs(stack: string, region?: string): Promise<Record<string, string> | undefined>;
}

// ---- References `berth verify` checks. Existence and configuration only: no port here reads
// a secret's or a parameter's value (DescribeParameters / DescribeSecret, never Get*Value). ----

export interface RoleDescription {
  arn: string;
  /** The trust policy (AssumeRolePolicyDocument) as JSON text, URL-decoded. */
  trustPolicy?: string;
}

export interface IamPort {
  /** The role by name; undefined when it does not exist. */
  getRole(name: string): Promise<RoleDescription | undefined>;
}

export interface EcrImageRef {
  registryId: string;
  region: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export type ImageLookup = 'found' | 'image-not-found' | 'repository-not-found';

export interface EcrPort {
  findImage(ref: EcrImageRef): Promise<ImageLookup>;
}

export interface ParameterPort {
  /** True when an SSM parameter by any of these names exists (DescribeParameters, value never read). */
  parameterExists(names: string[], region?: string): Promise<boolean>;
}

export interface SecretsPort {
  /** True when the Secrets Manager secret exists (DescribeSecret, value never read). */
  secretExists(secretId: string, region?: string): Promise<boolean>;
}

export interface LogsPort {
  logGroupExists(name: string, region?: string): Promise<boolean>;
}

/** CloudWatch Logs events of one stream, for `berth run --wait --logs`. */
export interface LogEventsPort {
  /**
   * The stream's events after `nextToken` (from the start without one), oldest first; undefined
   * when the group or stream does not exist (yet: awslogs creates it when the container starts).
   */
  getLogEvents(
    group: string,
    stream: string,
    opts: { nextToken?: string; region?: string },
  ): Promise<{ events: { timestamp: number; message: string }[]; nextToken: string | undefined } | undefined>;
}

export interface NetworkResource {
  id: string;
  vpcId: string;
}

export interface NetworkPort {
  /** The subnets among `ids` that exist (missing ones are simply absent). */
  subnets(ids: string[], region?: string): Promise<NetworkResource[]>;
  /** The security groups among `ids` that exist. */
  securityGroups(ids: string[], region?: string): Promise<NetworkResource[]>;
}

export interface QueuePort {
  queueExists(name: string, accountId: string, region?: string): Promise<boolean>;
}

export interface VerifyPorts {
  iam: IamPort;
  ecr: EcrPort;
  ssm: ParameterPort;
  secrets: SecretsPort;
  logs: LogsPort;
  ec2: NetworkPort;
  sqs: QueuePort;
  calls: CallCounter;
}

// ---- Run health: the durable run feed (SQS queue + EventBridge rule berth owns) and the
// schedules' dead-letter queues. ----

export interface QueueMessage {
  id: string;
  receiptHandle: string;
  body: string;
  /** Epoch ms SQS received it. */
  sentAt: number | undefined;
  /** String message attributes (a Scheduler dead-letter event carries its error here). */
  attributes: Record<string, string>;
}

export interface FeedQueue {
  url: string;
  arn: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
}

export interface FeedRule {
  arn: string;
  pattern: string;
  state: string;
  tags: Record<string, string>;
  targets: { id: string; arn: string }[];
}

export interface RunFeedPort {
  /** The queue's URL, undefined when it does not exist (account: another owner's queue). */
  queueUrl(name: string, account?: string, region?: string): Promise<string | undefined>;
  /** Up to `max` (≤ 10) messages, no waiting. */
  receive(url: string, opts?: { max?: number; visibilityTimeout?: number }): Promise<QueueMessage[]>;
  deleteMessages(url: string, receiptHandles: string[]): Promise<void>;
  getQueue(name: string): Promise<FeedQueue | undefined>;
  createQueue(
    name: string,
    attributes: Record<string, string>,
    tags: Record<string, string>,
  ): Promise<string>;
  setQueueAttributes(url: string, attributes: Record<string, string>): Promise<void>;
  tagQueue(url: string, tags: Record<string, string>): Promise<void>;
  deleteQueue(url: string): Promise<void>;
  getRule(name: string): Promise<FeedRule | undefined>;
  /** PutRule creates or replaces the rule (ENABLED). */
  putRule(name: string, pattern: string, description: string, tags: Record<string, string>): Promise<string>;
  tagRule(arn: string, tags: Record<string, string>): Promise<void>;
  putTarget(rule: string, id: string, arn: string): Promise<void>;
  /** Removes the targets, then the rule. */
  deleteRule(name: string, targetIds: string[]): Promise<void>;
}

// ---- Classic EventBridge rules, read by `berth import` to migrate them to Scheduler. ----

export interface EventRule {
  name: string;
  eventBusName: string;
  arn?: string;
  scheduleExpression?: string;
  /** Rules that react to events rather than a schedule have a pattern instead. */
  eventPattern?: string;
  state?: string;
  description?: string;
}

export interface EventsPort {
  /** Rules of an event bus (all pages), optionally by name prefix, sorted by name. */
  listRules(opts: { eventBusName?: string; namePrefix?: string }): Promise<EventRule[]>;
  /** undefined when the rule does not exist. */
  getRule(name: string, eventBusName?: string): Promise<EventRule | undefined>;
  listTargets(rule: string, eventBusName?: string): Promise<EventRuleTarget[]>;
}

// ---- The optional lease (berth.yaml spec.lock): one writer per schedule group at a time. ----

/** One lease as stored: one item per key. Times are epoch milliseconds of the writer's clock. */
export interface LeaseRecord {
  /** berth:<region>:<scheduleGroup> */
  key: string;
  /** Unique per process: host:pid:random. */
  holder: string;
  /** What the holder does with it: "apply" | "controller". */
  purpose: string;
  host: string;
  pid: number;
  /** metadata.name of the repository config the holder applies. */
  owner: string;
  acquiredAt: number;
  expiresAt: number;
}

/** A claim either wrote the lease or found it held (current is undefined if it vanished meanwhile). */
export type LeaseClaim = { acquired: true } | { acquired: false; current: LeaseRecord | undefined };

export interface LeasePort {
  readonly table: string;
  /** Region of the table (the lease key names it). */
  region(): Promise<string>;
  /**
   * Writes `record` when the key has no lease, its lease expired before `now`, or it is already
   * record.holder's (one conditional write).
   */
  claim(record: LeaseRecord, now: number): Promise<LeaseClaim>;
  /** Moves the holder's expiry; false when the lease is no longer this holder's. */
  renew(key: string, holder: string, expiresAt: number): Promise<boolean>;
  /** Deletes the lease only while it is still holder's; false when it was not. */
  release(key: string, holder: string): Promise<boolean>;
  read(key: string): Promise<LeaseRecord | undefined>;
  /** CreateTable (on demand, hash key LockID) for `berth lock init`; 'exists' when it was there. */
  createTable(): Promise<'created' | 'exists'>;
  calls: CallCounter;
}
