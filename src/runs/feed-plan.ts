// The durable run feed's resources, planned like everything berth owns: an SQS queue and an
// EventBridge rule, named after the owner and tagged with the ownership tags. With spec.runs
// enabled they are created or brought back to what git says; with enabled: false the ones berth
// owns are deleted; one that exists without berth's tags is a conflict and is never touched.
import { MANAGED_BY_VALUE, TAG, type DesiredState } from '../model/desired.js';
import type { FeedQueue, FeedRule, RunFeedPort } from '../model/ports.js';
import { feedQueueName, feedRuleName } from './feed-names.js';
import { runsSettings } from './settings.js';

export type FeedStepKind = 'create' | 'update' | 'delete' | 'noop' | 'conflict';

export interface FeedStep {
  kind: FeedStepKind;
  resource: 'queue' | 'rule';
  name: string;
  reason?: string;
}

export interface FeedPlan {
  queue: FeedStep;
  rule: FeedStep;
  /** What apply needs: the live resources and the wanted settings. */
  live: { queue?: FeedQueue; rule?: FeedRule };
  want: { enabled: boolean; retentionSeconds: string; pattern: string; tags: Record<string, string> };
}

export const FEED_TARGET_ID = 'berth-run-feed';

/** Only the task states a run has a result in: RUNNING (started) and STOPPED (ended). */
export function feedPattern(desired: DesiredState): string {
  const clusters = [
    ...new Set([
      desired.clusterArn,
      ...desired.jobs.map((j) => j.schedule?.Target?.Arn ?? desired.clusterArn),
    ]),
  ].sort();
  return JSON.stringify({
    source: ['aws.ecs'],
    'detail-type': ['ECS Task State Change'],
    detail: {
      clusterArn: clusters,
      group: [{ prefix: `family:${desired.namePrefix}` }],
      lastStatus: ['RUNNING', 'STOPPED'],
    },
  });
}

export async function planRunFeed(port: RunFeedPort, desired: DesiredState): Promise<FeedPlan | undefined> {
  if (!desired.runs) return undefined;
  const settings = runsSettings(desired);
  const tags = { [TAG.managedBy]: MANAGED_BY_VALUE, [TAG.owner]: desired.owner };
  const want = {
    enabled: settings.enabled,
    retentionSeconds: String(settings.retentionDays * 86_400),
    pattern: feedPattern(desired),
    tags,
  };
  const queueName = feedQueueName(desired.owner);
  const ruleName = feedRuleName(desired.owner);
  const [queue, rule] = [await port.getQueue(queueName), await port.getRule(ruleName)];
  const owned = (t: Record<string, string>) =>
    t[TAG.managedBy] === MANAGED_BY_VALUE && t[TAG.owner] === desired.owner;
  const step = (
    resource: 'queue' | 'rule',
    name: string,
    live: { tags: Record<string, string> } | undefined,
    same: boolean,
  ): FeedStep => {
    if (!live) return want.enabled ? { kind: 'create', resource, name } : { kind: 'noop', resource, name };
    if (!owned(live.tags))
      return {
        kind: 'conflict',
        resource,
        name,
        reason: `exists without berth's ownership tags for ${desired.owner}: left alone`,
      };
    if (!want.enabled) return { kind: 'delete', resource, name, reason: 'spec.runs.enabled is false' };
    return same ? { kind: 'noop', resource, name } : { kind: 'update', resource, name };
  };
  const queueSame =
    queue?.attributes.MessageRetentionPeriod === want.retentionSeconds && Boolean(queue?.attributes.Policy);
  const ruleSame =
    rule !== undefined &&
    samePattern(rule.pattern, want.pattern) &&
    rule.state === 'ENABLED' &&
    rule.targets.some((t) => t.id === FEED_TARGET_ID && t.arn === queue?.arn);
  return {
    queue: step('queue', queueName, queue, queueSame),
    rule: step('rule', ruleName, rule, ruleSame),
    live: { ...(queue ? { queue } : {}), ...(rule ? { rule } : {}) },
    want,
  };
}

export function feedChanges(plan: FeedPlan | undefined): boolean {
  return (
    plan !== undefined && [plan.queue, plan.rule].some((s) => s.kind !== 'noop' && s.kind !== 'conflict')
  );
}

export function renderFeedPlan(plan: FeedPlan | undefined): string {
  if (!plan) return '';
  const symbol: Record<FeedStepKind, string> = {
    create: '+',
    update: '~',
    delete: '-',
    noop: ' ',
    conflict: '!',
  };
  const lines = [plan.queue, plan.rule]
    .filter((s) => s.kind !== 'noop')
    .map(
      (s) =>
        `${symbol[s.kind]} run feed ${s.resource} ${s.name}: ${s.kind}${s.reason ? ` (${s.reason})` : ''}`,
    );
  return lines.length > 0 ? `${lines.join('\n')}\n\n` : '';
}

function samePattern(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}
