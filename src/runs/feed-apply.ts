// Carries out a run-feed plan. Order: the queue first (the rule's target needs its ARN), then
// the rule, then the queue policy that lets exactly this rule send to the queue; deletion the
// other way round (no rule left pointing at a deleted queue). Conflicts are never touched.
import type { RunFeedPort } from '../model/ports.js';
import { FEED_TARGET_ID, type FeedPlan } from './feed-plan.js';

export interface FeedApplyResult {
  queue: string;
  rule: string;
  errors: string[];
}

export async function applyRunFeed(port: RunFeedPort, plan: FeedPlan): Promise<FeedApplyResult> {
  const errors: string[] = [];
  const step = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const { queue, rule, live, want } = plan;

  if (rule.kind === 'delete' && live.rule)
    await step('delete rule', () =>
      port.deleteRule(
        rule.name,
        live.rule!.targets.map((t) => t.id),
      ),
    );
  if (queue.kind === 'delete' && live.queue && errors.length === 0)
    await step('delete queue', () => port.deleteQueue(live.queue!.url));
  if (!want.enabled) return { queue: queue.kind, rule: rule.kind, errors };

  let url = live.queue?.url;
  let queueArn = live.queue?.arn;
  if (queue.kind === 'create')
    await step('create queue', async () => {
      url = await port.createQueue(queue.name, { MessageRetentionPeriod: want.retentionSeconds }, want.tags);
      queueArn = (await port.getQueue(queue.name))?.arn;
    });
  if (!url || !queueArn || queue.kind === 'conflict') return { queue: queue.kind, rule: rule.kind, errors };

  let ruleArn = live.rule?.arn;
  if (rule.kind === 'create' || rule.kind === 'update')
    await step('put rule', async () => {
      ruleArn = await port.putRule(
        rule.name,
        want.pattern,
        'berth run feed: ECS task state changes of berth jobs',
        want.tags,
      );
      await port.putTarget(rule.name, FEED_TARGET_ID, queueArn!);
    });
  if (ruleArn && (queue.kind === 'create' || queue.kind === 'update' || rule.kind === 'create'))
    await step('queue policy', () =>
      port.setQueueAttributes(url!, {
        MessageRetentionPeriod: want.retentionSeconds,
        Policy: queuePolicy(queueArn!, ruleArn!),
      }),
    );
  return { queue: queue.kind, rule: rule.kind, errors };
}

/** Only EventBridge, only for this rule, may send to the queue. */
export function queuePolicy(queueArn: string, ruleArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'BerthRunFeed',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      },
    ],
  });
}
