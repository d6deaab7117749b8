// `berth import`, the shell around the pure parts: read AWS, convert each job, write the files
// that are ready (never over a different file unless forced), and say what happened.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { importCandidate, type CandidateContext, type ImportedJob } from './convert.js';
import { readSources, type ImportPorts } from './read-sources.js';
import type { ImportSelection } from './selection.js';

export interface ImportOptions extends Omit<CandidateContext, 'existing'> {
  selection: ImportSelection;
  /** Repository root the job files go under. */
  root: string;
  /** Jobs already in the repository: name → file (relative to root). */
  existing: Map<string, string>;
  /** Overwrite job files that exist with other content. */
  force: boolean;
  /** Write nothing. */
  dryRun: boolean;
}

export interface ImportResult {
  jobs: ImportedJob[];
  problems: string[];
}

export async function importJobs(opts: ImportOptions, ports: ImportPorts): Promise<ImportResult> {
  const read = await readSources(opts.selection, ports);
  const jobs: ImportedJob[] = [];
  const taken = new Map(opts.existing);
  for (const source of read.jobs) {
    const job = importCandidate(source, { ...opts, existing: taken });
    if (job.outcome === 'written') {
      taken.set(job.name, job.file);
      jobs.push(await place(job, opts));
    } else jobs.push(job);
  }
  return { jobs, problems: read.problems };
}

async function place(job: ImportedJob, opts: ImportOptions): Promise<ImportedJob> {
  const abs = path.join(opts.root, job.file);
  const current = await readFile(abs, 'utf8').catch(() => undefined);
  if (current === job.yaml) return { ...job, outcome: 'unchanged' };
  if (current !== undefined && !opts.force)
    return {
      ...job,
      outcome: 'exists',
      reason: `${job.file} exists with other content (--force overwrites it)`,
    };
  if (!opts.dryRun) {
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, job.yaml ?? '');
  }
  return job;
}
