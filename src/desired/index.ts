// The desired-state stage's public surface.
export { renderDesired, DEFAULT_KEEP_REVISIONS, DEFAULT_PRUNE } from './render.js';
export type { RenderOptions, RenderResult } from './render.js';
export { isSensitiveEnv, isSensitiveEnvName, hasEmbeddedCredentials, MASK } from './sensitive.js';
export { redactJob, redactSchedule, redactTaskDefinition } from './redact.js';
export { canonicalJson, contentHash } from './hash.js';
export { DEFAULT_LOG_GROUP } from './logging.js';
export { DEFAULT_TIMEZONE } from './schedule.js';
