// The plan for machines: a documented, stable JSON shape (see the README section "plan JSON").
// Every key is always present (null when not applicable); sensitive values are masked and the
// raw SDK inputs (which may carry them) are left out.
import type { FieldChange, JobPlan, Plan, PlanAction } from '../model/plan.js';
import { changeOp, hasChanges, planInSync, SENSITIVE_MASK } from './plan-format.js';

export const PLAN_JSON_KIND = 'berth.plan';

export function renderPlanJson(plan: Plan): string {
  const doc = {
    kind: PLAN_JSON_KIND,
    formatVersion: plan.formatVersion,
    owner: plan.owner,
    scheduleGroup: plan.scheduleGroup,
    revision: plan.revision ?? null,
    liveFingerprint: plan.liveFingerprint,
    hasChanges: hasChanges(plan.summary),
    // False also when nothing can change: a refused prune or a conflict keeps AWS off git.
    inSync: planInSync(plan),
    summary: plan.summary,
    warnings: plan.warnings,
    refusedPrune: plan.refusedPrune ?? null,
    group: actionJson(plan.groupAction),
    jobs: plan.jobs.map(jobJson),
  };
  return JSON.stringify(doc, null, 2) + '\n';
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
    changes: a.changes.map(changeJson),
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
