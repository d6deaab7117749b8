// The plan for machines: a documented, stable JSON shape (docs/plan-format.md, "Plan JSON").
// Every key is always present (null when not applicable); sensitive values are masked and the
// raw SDK inputs (which may carry them) are left out.
import type { FieldChange, JobPlan, Plan, PlanAction } from '../model/plan.js';
import { changeOp, hasChanges, planInSync, SENSITIVE_MASK } from './plan-format.js';

export const PLAN_JSON_KIND = 'berth.plan';

export function renderPlanJson(plan: Plan): string {
  return JSON.stringify(planDocument(plan), null, 2) + '\n';
}

/** The berth.plan document as an object (berth.apply carries it too). */
export function planDocument(plan: Plan) {
  return {
    kind: PLAN_JSON_KIND,
    formatVersion: plan.formatVersion,
    owner: plan.owner,
    scheduleGroup: plan.scheduleGroup,
    region: plan.region ?? null,
    account: plan.account ?? null,
    accountSource: plan.accountSource ?? null,
    revision: plan.revision ?? null,
    liveFingerprint: plan.liveFingerprint,
    // Full or light read of AWS, and how old the revision lists it trusted were (docs/performance.md).
    liveRead: plan.liveRead
      ? {
          kind: plan.liveRead.kind,
          reason: plan.liveRead.reason ?? null,
          lastFullRead: plan.liveRead.lastFullRead,
          lastFullReadAgeSeconds: plan.liveRead.lastFullReadAgeSeconds ?? null,
        }
      : null,
    // The jobs named with -t (null: every job); apply of a saved plan requires the same -t.
    targets: plan.targets ?? null,
    hasChanges: hasChanges(plan.summary),
    // False also when nothing can change: a refused prune or a conflict keeps AWS off git.
    inSync: planInSync(plan),
    summary: plan.summary,
    warnings: plan.warnings,
    refusedPrune: plan.refusedPrune ?? null,
    group: actionJson(plan.groupAction),
    previousGroups: (plan.previousGroups ?? []).map(actionJson),
    jobs: plan.jobs.map(jobJson),
    environment:
      plan.environment !== undefined || plan.account !== undefined
        ? { name: plan.environment ?? null, account: plan.account ?? null }
        : null,
    // Values the manifests looked up, resolved, with their sources (masked when sensitive).
    lookups: (plan.lookups ?? []).map((u) => ({
      expression: u.expression,
      source: u.source,
      value: u.value,
      file: u.file,
      line: u.line,
      column: u.column,
    })),
  };
}

function jobJson(j: JobPlan) {
  return {
    job: j.job,
    status: j.status,
    file: j.file ?? null,
    message: j.message ?? null,
    actions: j.actions.map(actionJson),
  };
}

export function actionJson(a: PlanAction) {
  return {
    kind: a.kind,
    resource: a.resource,
    name: a.name,
    arn: a.arn ?? null,
    reason: a.reason ?? null,
    origin: a.origin ?? null,
    changes: a.changes.map(changeJson),
    nextRuns: a.timing ?? null,
  };
}

export function changeJson(c: FieldChange) {
  const value = (v: unknown) => (v === undefined ? null : c.sensitive ? SENSITIVE_MASK : v);
  return {
    op: changeOp(c),
    path: c.path,
    before: value(c.before),
    after: value(c.after),
    sensitive: c.sensitive === true,
  };
}
