// A saved plan may be applied only while it still describes what apply would do:
// the live state it was computed against has not moved, and the same actions come out.
import type { Plan } from '../model/plan.js';
import { BerthError } from '../model/errors.js';
import { renderPlanJson } from '../report/index.js';

/** The plan JSON versions this berth can apply (report/plan-json.ts writes the newest). */
export const SUPPORTED_PLAN_VERSIONS: readonly number[] = [1];

export interface SavedPlanDoc {
  kind?: string;
  formatVersion?: unknown;
  region?: unknown;
  account?: unknown;
  liveFingerprint?: string;
  /** Absent in plans saved before it was written: then not checked. */
  targets?: unknown;
  group?: unknown;
  jobs?: unknown;
}

export function parseSavedPlan(text: string, file: string): SavedPlanDoc {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new BerthError('Invalid', `${file} is not a plan: not JSON`, {
      cause: err,
      hint: 'save one with `berth plan -o json > plan.json`',
    });
  }
  const d = doc as SavedPlanDoc;
  if (
    typeof doc !== 'object' ||
    doc === null ||
    d.kind !== 'berth.plan' ||
    typeof d.liveFingerprint !== 'string'
  ) {
    throw new BerthError('Invalid', `${file} is not a berth plan (kind "berth.plan" expected)`, {
      hint: 'save one with `berth plan -o json > plan.json`',
    });
  }
  // A plan from another version of berth may mean something else by the same fields.
  if (typeof d.formatVersion !== 'number' || !SUPPORTED_PLAN_VERSIONS.includes(d.formatVersion)) {
    const got =
      d.formatVersion === undefined ? 'no formatVersion' : `formatVersion ${JSON.stringify(d.formatVersion)}`;
    throw new BerthError(
      'Invalid',
      `${file} has ${got.slice(0, 60)}; this berth applies plans of formatVersion ${SUPPORTED_PLAN_VERSIONS.join(', ')}`,
      { hint: 'make the plan again with this version of berth: `berth plan -o json > plan.json`' },
    );
  }
  return d;
}

const targetFlags = (jobs: readonly string[]) =>
  jobs
    .slice(0, 10)
    .map((j) => `-t ${j.slice(0, 100)}`)
    .join(' ') + (jobs.length > 10 ? ' …' : '');

/** Throws StalePlan when `fresh` differs from what was saved. */
export function assertPlanCurrent(saved: SavedPlanDoc, fresh: Plan, file: string): void {
  const now = JSON.parse(renderPlanJson(fresh)) as SavedPlanDoc;
  const hint = 'run `berth plan` again, review it, and apply the new plan';
  // A plan of some jobs read only those: applied with other targets, or none, every later check
  // would fail for a reason that is not a change in AWS.
  if ('targets' in saved) {
    const made = Array.isArray(saved.targets) ? saved.targets.map(String) : [];
    const given = now.targets as string[] | null;
    if (made.join('\n') !== (given ?? []).join('\n'))
      throw new BerthError(
        'StalePlan',
        made.length > 0
          ? `${file} was made with ${targetFlags(made)}; apply it with the same ${targetFlags(made)}`
          : `${file} was made without -t; apply it without -t`,
        { hint: 'or make a plan with the targets you want to apply' },
      );
  }
  // A plan made against another account or region says nothing about this one.
  for (const key of ['account', 'region'] as const)
    if (typeof saved[key] === 'string' && typeof now[key] === 'string' && saved[key] !== now[key])
      throw new BerthError(
        'StalePlan',
        `${file} was made for ${key} ${saved[key]}, but this apply would change ${key} ${now[key]}`,
        { hint: 'check AWS_PROFILE / --region, or make a plan for this account and region' },
      );
  if (saved.liveFingerprint !== now.liveFingerprint) {
    throw new BerthError('StalePlan', `${file} is stale: live state changed since it was made`, { hint });
  }
  if (
    JSON.stringify(saved.jobs) !== JSON.stringify(now.jobs) ||
    JSON.stringify(saved.group) !== JSON.stringify(now.group)
  ) {
    throw new BerthError('StalePlan', `${file} is stale: the manifests now give a different plan`, { hint });
  }
}
