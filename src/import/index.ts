// The import stage's public face.
export { importJobs, type ImportOptions, type ImportResult } from './import-jobs.js';
export { adoptRevisions, type AdoptOutcome, type AdoptTarget } from './adopt.js';
export { adoptionSteps, inRepository, type AdoptionContext } from './adoption.js';
export { renderImportText, importSucceeded } from './format.js';
export { parseScheduleArg, isEmptySelection, DEFAULT_GROUP, type ImportSelection } from './selection.js';
export type { ImportedJob } from './convert.js';
export type { ImportPorts } from './read-sources.js';
