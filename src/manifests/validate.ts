// The pure core of loading: file contents in, LoadResult out. No I/O, no clock (`now` is
// an input), never throws: every problem is a positioned diagnostic.
//   1. berth.yaml: YAML → header → schema → config rules;
//   2. each job file (in path order): YAML → header → schema → rules on values as written;
//   3. job names unique across the repository;
//   4. rules on each job with the repository defaults applied;
//   5. files with any error are invalid as a whole: their jobs are withheld, their names reported.
import { append } from './append.js';
import { readConfig, CONFIG_FILE } from './config-document.js';
import { compareDiagnostics, diagnostic } from './diagnostic.js';
import type { InputFile } from './files.js';
import { readJobFile } from './job-documents.js';
import type { JobDocument, JobFile } from './job-documents.js';
import { MAX_DIAGNOSTICS_PER_FILE } from './limits.js';
import { effectiveJob } from './merge.js';
import { placeFinding } from './placement.js';
import type { Place } from './placement.js';
import { checkJob } from './rules/index.js';
import { stripNulls } from './strip-nulls.js';
import type { Diagnostic, LoadedJob, LoadResult } from '../model/diagnostics.js';
import type { RepoConfig } from '../model/manifest.js';

export interface ValidateInput {
  /** berth.yaml; undefined when the repository has none. */
  config: InputFile | undefined;
  /** Path of the config for messages (default berth.yaml). */
  configPath?: string;
  jobFiles: InputFile[];
  /** For "in the past" warnings; without it those checks are skipped. */
  now?: Date;
  /** Problems the caller found while collecting files (e.g. a missing jobs directory). */
  diagnostics?: Diagnostic[];
  /** readJobFile, or a memo of it (job-file-cache.ts): the function must give the same result. */
  readJob?: (file: InputFile) => JobFile;
}

export function validateDocuments(input: ValidateInput): LoadResult {
  const configPath = input.configPath ?? CONFIG_FILE;
  const cfg = readConfig(input.config, configPath);
  const diagnostics: Diagnostic[] = [...cfg.diagnostics, ...(input.diagnostics ?? [])];
  const files = [...input.jobFiles]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(input.readJob ?? readJobFile);
  const docs = files.flatMap((f) => f.documents);
  for (const f of files) append(diagnostics, f.diagnostics);
  diagnostics.push(...duplicateNames(docs));

  // Without a usable berth.yaml the defaults are unknown, and so is the merged job: rules
  // about it would only echo the config's problem.
  const configPlace: Place | undefined = cfg.positions
    ? { file: configPath, positions: cfg.positions }
    : undefined;
  if (cfg.config)
    for (const doc of docs)
      if (doc.manifest) append(diagnostics, jobRules(doc, cfg.config, configPlace, input.now));

  const limited = limitPerFile(diagnostics.sort(compareDiagnostics));
  return assemble(cfg.config, input.config ? configPath : undefined, files, limited);
}

function jobRules(
  doc: JobDocument,
  config: RepoConfig,
  configPlace: Place | undefined,
  now: Date | undefined,
): Diagnostic[] {
  const raw = doc.manifest!;
  const job = stripNulls(effectiveJob(config, raw));
  const findings = checkJob({ raw, job, config, namePrefix: config.spec.namePrefix ?? '', now });
  const place: Place = { file: doc.file, positions: doc.positions, job: doc.name };
  return findings.map((f) => placeFinding(f, place, configPlace));
}

/** The second and later definitions of a name are errors that point back at the first. */
function duplicateNames(docs: JobDocument[]): Diagnostic[] {
  const first = new Map<string, JobDocument>();
  const out: Diagnostic[] = [];
  for (const doc of docs) {
    if (doc.name === undefined) continue;
    const earlier = first.get(doc.name);
    if (!earlier) {
      first.set(doc.name, doc);
      continue;
    }
    const at = doc.positions.scalars.get('/metadata/name') ?? doc.start;
    const was = earlier.positions.scalars.get('/metadata/name') ?? earlier.start;
    out.push(
      diagnostic({
        severity: 'error',
        file: doc.file,
        line: at[0],
        column: at[1],
        pointer: '/metadata/name',
        rule: 'name/duplicate',
        message: `job name "${doc.name}" is already used by ${earlier.file}:${was[0]}:${was[1]}`,
        hint: 'job names are unique in a repository: they name the task-definition family and the schedule',
        job: doc.name,
      }),
    );
  }
  return out;
}

/** A broken generated file should not bury everything else: keep the first few per file. */
function limitPerFile(sorted: Diagnostic[]): Diagnostic[] {
  const count = new Map<string, number>();
  const dropped = new Map<string, Diagnostic[]>();
  const out: Diagnostic[] = [];
  for (const d of sorted) {
    const n = (count.get(d.file) ?? 0) + 1;
    count.set(d.file, n);
    if (n <= MAX_DIAGNOSTICS_PER_FILE) out.push(d);
    else {
      const list = dropped.get(d.file) ?? [];
      list.push(d);
      dropped.set(d.file, list);
    }
  }
  for (const [file, rest] of dropped)
    out.push(
      diagnostic({
        severity: rest.some((d) => d.severity === 'error') ? 'error' : 'warning',
        file,
        line: 0,
        column: 0,
        pointer: '',
        rule: 'diagnostics/truncated',
        message: `${rest.length} more problem(s) in this file not shown`,
        hint: 'fix the ones above first',
      }),
    );
  return out.sort(compareDiagnostics);
}

function assemble(
  config: RepoConfig | undefined,
  configFile: string | undefined,
  files: JobFile[],
  diagnostics: Diagnostic[],
): LoadResult {
  const failing = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const jobs: LoadedJob[] = [];
  const invalidNames = new Set<string>();
  for (const f of files) {
    if (failing.has(f.path)) {
      for (const d of f.documents) if (d.name !== undefined) invalidNames.add(d.name);
      for (const n of f.salvagedNames) invalidNames.add(n);
      continue;
    }
    for (const d of f.documents)
      if (d.manifest)
        jobs.push({
          manifest: d.manifest,
          source: { file: f.path, document: d.index, line: d.start[0], column: d.start[1] },
          positions: Object.fromEntries(d.positions.fields),
        });
  }
  const invalidFiles = [...failing].sort();
  const configOk = config !== undefined && configFile !== undefined && !failing.has(configFile);
  return {
    config: configOk ? config : undefined,
    configFile,
    jobs,
    diagnostics,
    invalidFiles,
    invalidJobNames: [...invalidNames].sort(),
  };
}
