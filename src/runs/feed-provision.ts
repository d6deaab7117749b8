// Plan and apply the run feed in one step (the controller does this once per new revision).
import type { DesiredState } from '../model/desired.js';
import type { RunFeedPort } from '../model/ports.js';
import { applyRunFeed, type FeedApplyResult } from './feed-apply.js';
import { feedChanges, planRunFeed } from './feed-plan.js';

/** undefined when nothing had to change; throws when a step failed. */
export async function provisionRunFeed(
  port: RunFeedPort,
  desired: DesiredState,
): Promise<FeedApplyResult | undefined> {
  const plan = await planRunFeed(port, desired);
  if (!plan || !feedChanges(plan)) return undefined;
  const done = await applyRunFeed(port, plan);
  if (done.errors.length > 0) throw new Error(`run feed: ${done.errors.join('; ')}`);
  return done;
}
