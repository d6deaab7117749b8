// A change under review (a pull request): base and head evaluated from git, their desired states
// compared, and, when AWS is at hand, what applying each would change, so that what the change
// causes and the drift that was there before can be told apart.
import type { LiveCache } from '../live/index.js';
import type { DesiredState } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { AwsPorts } from '../model/ports.js';
import type { LookupResolver } from '../model/lookups.js';
import type { LiveReview, Review, ReviewSide } from '../model/review.js';
import { desiredDiffers, diffDesired } from '../plan/desired-diff.js';
import { attributeToChange } from '../plan/pr-attribution.js';
import type { Evaluation } from './evaluate.js';
import {
  evaluateRevisionEnvironments,
  type EvaluatedRevision,
  type RevisionEnvironments,
} from './evaluate-revision.js';
import { planAgainstLive } from './plan-live.js';

export interface ReviewAws {
  /** Ports for a desired state (its region may differ from the other side's). */
  ports: (desired: DesiredState) => AwsPorts;
  cache: LiveCache;
  now: Date;
  concurrency?: number;
}

export interface ReviewOptions {
  base: string;
  /** Undefined: the working tree, as `git diff <base>` compares. */
  head?: string;
  region?: string;
  /** Without it the review needs no AWS access at all. */
  aws?: ReviewAws;
  /**
   * Why there is no AWS part (e.g. "--no-aws"); the report then says so in sections 2 and 3.
   * Neither this nor `aws`: a desired-state-only review, with no AWS sections at all.
   */
  noAwsReason?: string;
  /** Next runs before and after a schedule's timing changes are counted from here (default: aws.now). */
  now?: Date;
  /** Review only this environment (--env / BERTH_ENV); default: every environment either side declares. */
  environment?: string;
  /** How lookups are resolved for both sides. */
  resolveLookups?: LookupResolver;
}

export interface ReviewResult {
  review: Review;
  /** The evaluated head, for callers that print its diagnostics. */
  head: Evaluation;
  /** Set when AWS was asked and failed: the review still holds everything else. */
  awsError?: BerthError;
}

/** The change reviewed in one environment (the repository's only one when it declares none). */
export async function reviewChange(root: string, opts: ReviewOptions): Promise<ReviewResult> {
  const [first] = await reviewChanges(root, opts);
  return first!;
}

/**
 * The change reviewed per environment: one result per environment head or base declares (or
 * the one asked for), each compared and planned on its own, in its own account.
 */
export async function reviewChanges(root: string, opts: ReviewOptions): Promise<ReviewResult[]> {
  const more = {
    ...(opts.environment !== undefined ? { only: opts.environment } : {}),
    ...(opts.resolveLookups ? { resolveLookups: opts.resolveLookups } : {}),
  };
  const base = await evaluateRevisionEnvironments(root, opts.base, opts.region, more);
  const head = await evaluateRevisionEnvironments(root, opts.head, opts.region, more);
  const names =
    opts.environment !== undefined
      ? [opts.environment]
      : [...new Set([...head.environments, ...base.environments])].sort();
  if (names.length === 0)
    return [await reviewSides(base.byEnvironment.get(undefined)!, head.byEnvironment.get(undefined)!, opts)];
  const results: ReviewResult[] = [];
  for (const name of names) {
    const h = head.byEnvironment.get(name);
    if (!h) {
      if (opts.environment !== undefined)
        throw new BerthError('Invalid', `${head.label} declares no environment "${name}"`, {
          hint:
            head.environments.length > 0
              ? `environments: ${head.environments.join(', ')}`
              : 'it declares no environments',
        });
      results.push(removedAtHead(name, base, head));
      continue;
    }
    results.push(await reviewSides(base.byEnvironment.get(name) ?? newAtHead(base), h, opts, name));
  }
  return results;
}

/** Base without the environment: as if it had no berth configuration (everything in head is new). */
function newAtHead(base: RevisionEnvironments): EvaluatedRevision {
  const side: ReviewSide = {
    label: base.label,
    ...(base.commit ? { commit: base.commit } : {}),
    diagnostics: [],
    errors: 0,
    noConfig: true,
    valid: false,
  };
  const evaluation: Evaluation = {
    load: {
      config: undefined,
      configFile: undefined,
      jobs: [],
      diagnostics: [],
      invalidFiles: [],
      invalidJobNames: [],
    },
    desired: undefined,
    diagnostics: [],
    errors: 0,
    warnings: 0,
  };
  return { side, evaluation };
}

/** An environment head no longer declares: berth leaves it alone, and the report says so. */
function removedAtHead(name: string, base: RevisionEnvironments, head: RevisionEnvironments): ReviewResult {
  const b = base.byEnvironment.get(name)!;
  const side: ReviewSide = {
    label: head.label,
    ...(head.commit ? { commit: head.commit } : {}),
    diagnostics: [],
    errors: 0,
    noConfig: false,
    valid: true,
  };
  return {
    review: { base: b.side, head: side, environment: name, environmentRemoved: true },
    head: newAtHead(head).evaluation,
  };
}

async function reviewSides(
  base: EvaluatedRevision,
  head: EvaluatedRevision,
  opts: ReviewOptions,
  environment?: string,
): Promise<ReviewResult> {
  const headDesired = head.evaluation.desired;
  // No berth.yaml at base: the change adopts berth, and everything in head is new.
  const baseDesired = base.side.noConfig ? undefined : base.evaluation.desired;
  const comparable = headDesired && (base.side.noConfig || baseDesired);
  const account = headDesired?.account ?? baseDesired?.account;
  const review: Review = {
    base: base.side,
    head: head.side,
    ...(environment !== undefined ? { environment } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(headDesired ? { owner: headDesired.owner, scheduleGroup: headDesired.scheduleGroup } : {}),
    ...(comparable ? { diff: diffDesired(baseDesired, headDesired, opts.now ?? opts.aws?.now) } : {}),
  };
  // A desired-state-only review (berth diff) says nothing about AWS at all.
  if (!opts.aws && opts.noAwsReason === undefined) return { review, head: head.evaluation };
  const skip = (liveSkipped: string) => ({ review: { ...review, liveSkipped }, head: head.evaluation });
  if (!headDesired) return skip('head does not validate');
  if (!opts.aws) return skip(opts.noAwsReason ?? 'no AWS access');
  try {
    const live = await liveReview(headDesired, baseDesired, base.side, opts.aws);
    return { review: { ...review, live }, head: head.evaluation };
  } catch (err) {
    if (!(err instanceof BerthError)) throw err;
    const liveSkipped = `AWS could not be read (${err.code}: ${err.message})`;
    return { review: { ...review, liveSkipped }, head: head.evaluation, awsError: err };
  }
}

async function liveReview(
  head: DesiredState,
  base: DesiredState | undefined,
  baseSide: ReviewSide,
  aws: ReviewAws,
): Promise<LiveReview> {
  const plan = (d: DesiredState) =>
    planAgainstLive(d, aws.ports(d), aws.cache, {
      now: aws.now,
      ...(aws.concurrency ? { concurrency: aws.concurrency } : {}),
    });
  const headPlan = (await plan(head)).plan;
  if (!base) {
    const baseMissing = baseSide.noConfig
      ? `${baseSide.label} has no berth configuration`
      : `${baseSide.label} does not validate`;
    return { head: headPlan, baseMissing };
  }
  const basePlan = (await plan(base)).plan;
  return { head: attributeToChange(headPlan, basePlan), base: basePlan };
}

/** Exit status 2 material: the desired state moves, or applying head changes AWS (unknown counts). */
export function reviewHasChanges(r: Review): boolean {
  if (!r.diff) return true;
  if (desiredDiffers(r.diff)) return true;
  const s = r.live?.head.summary;
  return s !== undefined && s.create + s.update + s.delete > 0;
}
