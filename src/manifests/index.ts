// The manifests stage: read berth.yaml and the job files, validate them, report positions.
export { declaredEnvironments, loadRepository, readRepositoryFiles } from './load.js';
export { loadEnvironments, mergeEnvironments, type EnvironmentsLoad } from './load-environments.js';
export type { LoadOptions } from './load.js';
export { validateDocuments } from './validate.js';
export type { ValidateInput } from './validate.js';
export type { InputFile, RepoFile, UnreadableFile } from './files.js';
export { CONFIG_FILE, DEFAULT_JOBS_DIR } from './config-document.js';
export { effectiveJob, mergeDefaults } from './merge.js';
export type { EffectiveJob } from './merge.js';
export { checkCron } from './cron.js';
export { checkExpression } from './expression.js';
export { formatDiagnostics, OUTPUT_FORMATS } from './format-diagnostics.js';
export type { OutputFormat } from './format-diagnostics.js';
export { MemoryJobFileCache } from './job-file-cache.js';
export type { JobFileCache } from './job-file-cache.js';
export { DiskJobFileCache } from './disk-job-file-cache.js';
