// The plan stage's public face.
export { computePlan, type PlanOptions } from './compute-plan.js';
export { jobPlanKey, type JobPlanStore, type MemoisedJobPlan } from './job-memo.js';
