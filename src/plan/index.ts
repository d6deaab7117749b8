// The plan stage's public face.
export { computePlan, type PlanOptions } from './compute-plan.js';
