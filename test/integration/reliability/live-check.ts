// What "converged" means after a crash, checked against the emulator directly (raw clients, so
// no check goes through the proxy that counts the controller's calls): berth's own plan is a
// no-op, every job in git has its schedule and at most keepRevisions ACTIVE revisions (no two
// of them the same content), every schedule points at an ACTIVE revision, and a removed job
// has left nothing behind.
import {
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  type TaskDefinitionStatus,
} from '@aws-sdk/client-ecs';
import { GetScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { TAG } from '../../../src/model/desired.js';
import { emulatorPorts, rawClients } from '../../support/aws.js';
import { pendingActions, planRepo } from '../../support/pipeline.js';

export interface Expectation {
  /** A checkout of the commit the controller should have reconciled. */
  dir: string;
  /** Jobs in git at that commit. */
  jobs: readonly string[];
  /** Jobs that were in git once and are not now. */
  removed: readonly string[];
  prefix: string;
  group: string;
  keepRevisions: number;
}

/** Everything that differs from a converged state, as sentences; empty when converged. */
export async function convergenceProblems(e: Expectation): Promise<string[]> {
  const problems: string[] = [];
  const { plan } = await planRepo(e.dir, emulatorPorts());
  const pending = pendingActions(plan);
  if (pending.length > 0) problems.push(`plan is not a no-op: ${pending.join('; ')}`);

  const { ecs, scheduler } = rawClients();
  const listed = await scheduler.send(new ListSchedulesCommand({ GroupName: e.group }));
  const schedules = (listed.Schedules ?? []).map((s) => s.Name ?? '').sort();
  const wanted = e.jobs.map((j) => e.prefix + j).sort();
  if (JSON.stringify(schedules) !== JSON.stringify(wanted))
    problems.push(`schedules ${schedules.join(',')} ≠ git ${wanted.join(',')}`);

  for (const name of schedules) {
    const s = await scheduler.send(new GetScheduleCommand({ GroupName: e.group, Name: name }));
    const arn = s.Target?.EcsParameters?.TaskDefinitionArn ?? '';
    const td = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
    if (td.taskDefinition?.status !== 'ACTIVE')
      problems.push(`schedule ${name} points at ${arn} (${td.taskDefinition?.status ?? 'missing'})`);
  }

  const revisions = async (family: string, status: TaskDefinitionStatus) =>
    (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status }))).taskDefinitionArns ??
    [];
  for (const job of e.jobs) {
    const family = e.prefix + job;
    const active = await revisions(family, 'ACTIVE');
    if (active.length === 0 || active.length > e.keepRevisions)
      problems.push(`${family}: ${active.length} ACTIVE revisions (keepRevisions ${e.keepRevisions})`);
    const hashes = await Promise.all(
      active.map(async (arn) => {
        const d = await ecs.send(
          new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
        );
        return d.tags?.find((t) => t.key === TAG.hash)?.value ?? '';
      }),
    );
    if (new Set(hashes).size !== hashes.length)
      problems.push(`${family}: duplicate registrations ${active.join(',')}`);
  }
  for (const job of e.removed) {
    const active = await revisions(e.prefix + job, 'ACTIVE');
    if (active.length > 0) problems.push(`removed job ${job} left ${active.join(',')}`);
  }
  return problems;
}
