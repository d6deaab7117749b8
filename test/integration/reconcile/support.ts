// Shared set-up of the reconciler-truth tests (issue 13): a repository on disk, the CLI and
// the in-process pipeline against the emulator, and the out-of-band edits people make by hand
// (raw SDK clients, never berth's ports).
import {
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTagsForResourceCommand as EcsListTags,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand as EcsTagResource,
  UntagResourceCommand as EcsUntagResource,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import {
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand as SchedulerListTags,
  UpdateScheduleCommand,
  type GetScheduleCommandOutput,
} from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach } from 'vitest';
import { createCluster, createSecurityGroup, defaultSubnets, rawClients } from '../../support/aws.js';
import { runBerth, type CliResult } from '../../support/berth-cli.js';
import { ACCOUNT, emulatorEnv, REGION, resetEmulator } from '../../support/emulator.js';
import type { RepoNetwork, TestRepo } from '../../support/repo.js';

export const GROUP = 'berth-test';
export const PREFIX = 't-';

/** berth.yaml of repository "data" with the given `spec.environments` lines (indented 4). */
export function environmentsConfig(n: RepoNetwork, environments: string): string {
  return `apiVersion: berth/v1
kind: Config
metadata:
  name: data
spec:
  region: ${REGION}
  cluster: arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/etl
  namePrefix: t-
  scheduleGroup: berth-test
  schedulerRoleArn: arn:aws:iam::${ACCOUNT}:role/berth-scheduler
  defaults:
    task: { launchType: FARGATE, cpu: 256, memory: 512, executionRoleArn: 'arn:aws:iam::${ACCOUNT}:role/exec' }
    network: { subnets: [${n.subnets.join(', ')}], securityGroups: [${n.securityGroups.join(', ')}] }
  environments:
${environments}`;
}

/** A fresh emulator with the cluster and network the test repositories name. */
export async function freshAccount(): Promise<RepoNetwork> {
  await resetEmulator();
  await createCluster('etl');
  return {
    subnets: (await defaultSubnets()).slice(0, 1),
    securityGroups: [await createSecurityGroup('etl')],
  };
}

/**
 * Per test: a fresh account (t.network), and the test's repository (t.repo) disposed afterwards.
 */
export function useFreshAccount(): { network: RepoNetwork; repo: TestRepo | undefined } {
  const t = {
    network: { subnets: [], securityGroups: [] } as RepoNetwork,
    repo: undefined as TestRepo | undefined,
  };
  beforeEach(async () => {
    t.network = await freshAccount();
  });
  afterEach(async () => {
    await t.repo?.dispose();
    t.repo = undefined;
  });
  return t;
}

/** The built CLI on a repository, without the disk cache (each run reads AWS afresh). */
export function berthIn(repo: TestRepo): (...args: string[]) => Promise<CliResult> {
  return (...args) => runBerth(['-C', repo.dir, ...args, '--no-cache'], emulatorEnv());
}

export interface PlanDoc {
  hasChanges: boolean;
  summary: { create: number; update: number; delete: number; noop: number; conflicts: number };
  warnings: string[];
  group: { kind: string; reason: string | null; changes: { path: string }[] };
  jobs: {
    job: string;
    status: string;
    message: string | null;
    actions: { kind: string; resource: string; name: string; reason: string | null; origin?: string }[];
  }[];
}

export async function planJson(berth: (...a: string[]) => Promise<CliResult>): Promise<PlanDoc> {
  const r = await berth('plan', '-o', 'json');
  if (r.code !== 0) throw new Error(`berth plan failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as PlanDoc;
}

export function jobOf(plan: PlanDoc, job: string): PlanDoc['jobs'][number] {
  const j = plan.jobs.find((x) => x.job === job);
  if (!j) throw new Error(`no job ${job} in the plan: ${plan.jobs.map((x) => x.job).join(', ')}`);
  return j;
}

/** "kind resource name" of every changing action of a job. */
export function changing(plan: PlanDoc, job: string): string[] {
  return jobOf(plan, job)
    .actions.filter((a) => a.kind !== 'noop')
    .map((a) => `${a.kind} ${a.resource} ${a.name}`);
}

export async function getSchedule(name: string, group = GROUP): Promise<GetScheduleCommandOutput> {
  return rawClients().scheduler.send(new GetScheduleCommand({ GroupName: group, Name: name }));
}

export async function scheduleNames(group = GROUP): Promise<string[]> {
  const out = await rawClients().scheduler.send(new ListSchedulesCommand({ GroupName: group }));
  return (out.Schedules ?? []).map((s) => s.Name ?? '').sort();
}

export async function groupNames(): Promise<string[]> {
  const out = await rawClients().scheduler.send(new ListScheduleGroupsCommand({}));
  return (out.ScheduleGroups ?? []).map((g) => g.Name ?? '').sort();
}

export async function groupTags(group = GROUP): Promise<Record<string, string>> {
  const { scheduler } = rawClients();
  const g = await scheduler.send(new GetScheduleGroupCommand({ Name: group }));
  const out = await scheduler.send(new SchedulerListTags({ ResourceArn: g.Arn }));
  return Object.fromEntries((out.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** The schedule's pinned revision, "family:N". */
export async function pinnedRevision(name: string, group = GROUP): Promise<string> {
  const arn = (await getSchedule(name, group)).Target?.EcsParameters?.TaskDefinitionArn ?? '';
  return arn.replace(/^.*task-definition\//, '');
}

/** ACTIVE revisions of one family, "family:N", oldest first. */
export async function activeRevisions(family: string): Promise<string[]> {
  const out = await rawClients().ecs.send(
    new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE' }),
  );
  return (out.taskDefinitionArns ?? [])
    .map((a) => a.replace(/^.*task-definition\//, ''))
    .filter((r) => r.startsWith(`${family}:`));
}

export async function revisionTags(familyRevision: string): Promise<Record<string, string>> {
  const { ecs } = rawClients();
  const d = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: familyRevision }));
  const out = await ecs.send(new EcsListTags({ resourceArn: d.taskDefinition?.taskDefinitionArn }));
  return Object.fromEntries((out.tags ?? []).map((t) => [t.key ?? '', t.value ?? '']));
}

export async function tagRevision(familyRevision: string, tags: Record<string, string>): Promise<void> {
  const { ecs } = rawClients();
  const d = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: familyRevision }));
  await ecs.send(
    new EcsTagResource({
      resourceArn: d.taskDefinition?.taskDefinitionArn,
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    }),
  );
}

/**
 * What `aws ecs register-task-definition --cli-input-json "$(aws ecs describe-task-definition …)"`
 * gives: the same content as a new revision, without berth's tags. `edit` changes the copy.
 */
export async function registerCopyByHand(
  familyRevision: string,
  edit: (input: RegisterTaskDefinitionCommandInput) => void = () => undefined,
): Promise<string> {
  const { ecs } = rawClients();
  const d = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: familyRevision }));
  const td = d.taskDefinition!;
  const input: RegisterTaskDefinitionCommandInput = {
    family: td.family,
    containerDefinitions: td.containerDefinitions,
    networkMode: td.networkMode,
    requiresCompatibilities: td.requiresCompatibilities,
    cpu: td.cpu,
    memory: td.memory,
    executionRoleArn: td.executionRoleArn,
    ...(td.taskRoleArn ? { taskRoleArn: td.taskRoleArn } : {}),
  };
  edit(input);
  const out = await ecs.send(new RegisterTaskDefinitionCommand(input));
  return out.taskDefinition?.taskDefinitionArn ?? '';
}

export async function untagRevision(familyRevision: string, keys: string[]): Promise<void> {
  const { ecs } = rawClients();
  const d = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: familyRevision }));
  await ecs.send(new EcsUntagResource({ resourceArn: d.taskDefinition?.taskDefinitionArn, tagKeys: keys }));
}

export async function deregisterByHand(familyRevision: string): Promise<void> {
  await rawClients().ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: familyRevision }));
}

/** An edit in the console: the whole schedule sent back with `change` applied. */
export async function editScheduleByHand(
  name: string,
  change: (s: GetScheduleCommandOutput) => void,
  group = GROUP,
): Promise<void> {
  const s = await getSchedule(name, group);
  change(s);
  await rawClients().scheduler.send(
    new UpdateScheduleCommand({
      Name: name,
      GroupName: group,
      ScheduleExpression: s.ScheduleExpression,
      ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
      FlexibleTimeWindow: s.FlexibleTimeWindow ?? { Mode: 'OFF' },
      Target: s.Target,
      State: s.State,
      ...(s.Description ? { Description: s.Description } : {}),
      ...(s.ActionAfterCompletion ? { ActionAfterCompletion: s.ActionAfterCompletion } : {}),
    }),
  );
}
