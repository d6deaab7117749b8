// What `berth render` shows: per job the exact RegisterTaskDefinition and CreateSchedule
// inputs, sensitive env values masked unless asked, dates as ISO-8601 strings.
import { stringify } from 'yaml';
import type { DesiredJob, DesiredState } from '../model/desired.js';
import { redactJob } from './redact.js';

export interface JobView {
  job: string;
  file: string;
  family: string;
  contentHash: string;
  registerTaskDefinition: unknown;
  createSchedule?: unknown;
}

export type ViewFormat = 'yaml' | 'json';

/** JSON round trip: Dates become ISO strings, undefined members disappear. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

export function jobView(job: DesiredJob, opts: { showSensitive?: boolean } = {}): JobView {
  const shown = opts.showSensitive ? job : redactJob(job);
  const view: JobView = {
    job: job.name,
    file: job.source.file,
    family: job.family,
    contentHash: job.contentHash,
    registerTaskDefinition: plain(shown.taskDefinition),
  };
  if (shown.schedule) view.createSchedule = plain(shown.schedule);
  return view;
}

/** Job names asked for that the state does not have (empty when all are known). */
export function unknownJobs(state: DesiredState, names: string[]): string[] {
  const known = new Set(state.jobs.map((j) => j.name));
  return names.filter((n) => !known.has(n));
}

/** The selected jobs (all when `names` is empty), in the state's order (by name). */
export function renderView(
  state: DesiredState,
  names: string[],
  opts: { showSensitive?: boolean } = {},
): JobView[] {
  const wanted = new Set(names);
  return state.jobs.filter((j) => wanted.size === 0 || wanted.has(j.name)).map((j) => jobView(j, opts));
}

/**
 * YAML: one document per job; JSON: an array. Long strings are never folded, and scalars
 * are quoted the YAML 1.1 way so that `Mode: "OFF"` or `"2018-01-01"` stay strings for
 * 1.1 readers too (where bare OFF is false and a bare date is a timestamp).
 */
export function formatView(views: JobView[], format: ViewFormat): string {
  if (format === 'json')
    return `${JSON.stringify({ kind: 'berth.render', formatVersion: 1, jobs: views }, null, 2)}\n`;
  return views.map((v) => stringify(v, { lineWidth: 0, version: '1.1' })).join('---\n');
}
