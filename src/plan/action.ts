// One constructor for plan actions, so every action carries its fields in the same order.
import type { ActionKind, ActionOrigin, FieldChange, PlanAction, ResourceKind } from '../model/plan.js';

export interface ActionFields {
  job?: string;
  arn?: string;
  reason?: string;
  changes?: FieldChange[];
  after?: unknown;
  origin?: ActionOrigin;
  timing?: PlanAction['timing'];
}

export function action(
  kind: ActionKind,
  resource: ResourceKind,
  name: string,
  f: ActionFields = {},
): PlanAction {
  return {
    kind,
    resource,
    ...(f.job !== undefined ? { job: f.job } : {}),
    name,
    ...(f.arn !== undefined ? { arn: f.arn } : {}),
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
    changes: f.changes ?? [],
    ...(f.after !== undefined ? { after: f.after } : {}),
    ...(f.origin !== undefined ? { origin: f.origin } : {}),
    ...(f.timing !== undefined ? { timing: f.timing } : {}),
  };
}
