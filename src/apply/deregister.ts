// Deregistrations, after every job's schedules have moved: the revisions the plan retires
// (beyond keepRevisions, an orphan's, an old family's after a rename), each checked against the
// schedules as they now are. One still pointed at (another job's move failed) is not
// deregistered, and the job says so instead of reporting success.
import type { LiveRevisionRef } from '../model/live.js';
import type { JobPlan } from '../model/plan.js';
import { parseTaskDefinitionArn } from '../model/task-definition-arn.js';
import type { JobContext } from './execute-job.js';
import { step } from './step.js';

export function plannedDeregistrations(plan: JobPlan): LiveRevisionRef[] {
  return plan.actions.flatMap((a) => {
    if (a.resource !== 'taskDefinitionRevision' || a.kind !== 'delete' || !a.arn) return [];
    const parsed = parseTaskDefinitionArn(a.arn);
    if (parsed) return [{ arn: a.arn, ...parsed }];
    // Not a revision ARN (never from AWS): the action's family:revision name says which.
    const [family = '', n = '0'] = a.name.split(':');
    return [{ arn: a.arn, family, revision: Number(n) }];
  });
}

export async function deregisterPlanned(plan: JobPlan, ctx: Omit<JobContext, 'forget'>): Promise<void> {
  const victims = plannedDeregistrations(plan);
  const free: LiveRevisionRef[] = [];
  const held: string[] = [];
  for (const r of victims) {
    const by = ctx.refs.pointingAt(`${r.family}:${r.revision}`);
    if (by.length === 0) free.push(r);
    else held.push(`${r.family}:${r.revision} (schedule ${by.join(', ')} still points at it)`);
  }
  const byFamily = new Map<string, LiveRevisionRef[]>();
  for (const r of free) byFamily.set(r.family, [...(byFamily.get(r.family) ?? []), r]);
  for (const [family, list] of byFamily) await retire(family, list, ctx);
  if (held.length > 0) {
    const error = `not deregistered: ${held.join('; ')}`;
    ctx.record({ step: 'deregister', name: plan.job, ok: false, error });
    throw new Error(error);
  }
}

/** Deregisters revisions (and deletes them when prune.deleteInactive says so). */
export async function retire(
  family: string,
  victims: LiveRevisionRef[],
  ctx: Pick<JobContext, 'ports' | 'desired' | 'record'>,
): Promise<void> {
  for (const r of victims) {
    await step(ctx, 'deregister', `${r.family}:${r.revision}`, () =>
      ctx.ports.ecs.deregisterTaskDefinition(r.arn),
    );
    ctx.record({ step: 'deregister', name: `${r.family}:${r.revision}`, arn: r.arn, ok: true });
  }
  if (ctx.desired.prune.deleteInactive && victims.length > 0) {
    const arns = victims.map((v) => v.arn);
    await step(ctx, 'delete-inactive', family, () => ctx.ports.ecs.deleteTaskDefinitions(arns));
    ctx.record({ step: 'delete-inactive', name: family, ok: true });
  }
}
