// Run history: who started each task of a job, how it ended, where its logs are.
export { compareRuns, runFromTask, type RunContext } from './from-task.js';
export { readRuns, recordOf, type RevisionCache, type RunJob } from './read-runs.js';
export {
  formatDuration,
  renderRunsJson,
  renderRunsText,
  RUNS_JSON_KIND,
  type JobRuns,
} from './format-runs.js';
export { schedulerStartedBy, SCHEDULER_STARTED_BY, triggerOf } from './trigger.js';
