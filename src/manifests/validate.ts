// The pure core of loading: file contents in, LoadResult out. No I/O, no clock (`now` is
// an input), never throws: every problem is a positioned diagnostic.
//   1. berth.yaml: YAML → header → schema → config rules;
//   2. each job file (in path order): YAML → header → schema → rules on values as written;
//   3. job names unique across the repository;
//   4. the environment: berth.yaml and each job with its overrides, the jobs that run there;
//   5. lookups put in (resolved by the caller between prepareDocuments and finishDocuments);
//   6. rules on each job with the repository defaults applied;
//   7. files with any error are invalid as a whole: their jobs are withheld, their names reported.
import { append } from './append.js';
import { readConfig, CONFIG_FILE } from './config-document.js';
import { compareDiagnostics, diagnostic } from './diagnostic.js';
import type { InputFile } from './files.js';
import { chooseEnvironment } from './environment-choice.js';
import {
  applyEnvironment,
  applyJobEnvironment,
  environmentNames,
  resolvedPositions,
  selectsJob,
} from './environments.js';
import { readJobFile } from './job-documents.js';
import type { JobDocument, JobFile } from './job-documents.js';
import { MAX_DIAGNOSTICS_PER_FILE } from './limits.js';
import { activeSites, callsOf, substituteLookups, type ActiveSite } from './lookup-substitute.js';
import { effectiveJob } from './merge.js';
import { placeFinding } from './placement.js';
import type { Place } from './placement.js';
import type { PositionIndex } from './positions.js';
import { checkJobEnvironments, siblingNames } from './rules/environments.js';
import { checkConfigFields, checkJob, checkJobFields } from './rules/index.js';
import { schemaDiagnostics } from './schema-errors.js';
import { fieldHomes } from './schema-fields.js';
import { loadSchema, validators } from './schemas.js';
import { stripNulls } from './strip-nulls.js';
import type { Diagnostic, LoadedJob, LoadResult, SiblingNames } from '../model/diagnostics.js';
import type { LookupCall, LookupUse, ResolvedLookups } from '../model/lookups.js';
import type { JobManifest, RepoConfig } from '../model/manifest.js';

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
  /** The environment asked for (--env / BERTH_ENV); see environment-choice.ts. */
  environment?: string;
  /** Resolved lookups by call key (validateDocuments only; the loader resolves in between). */
  lookups?: ResolvedLookups;
}

export function validateDocuments(input: ValidateInput): LoadResult {
  return finishDocuments(prepareDocuments(input), input.lookups);
}

/** A job document with its environment applied. */
export interface PreparedJob {
  doc: JobDocument;
  manifest: JobManifest;
  positions: PositionIndex;
  sites: ActiveSite[];
  /** The environment changed something in it. */
  overridden: boolean;
}

/** Everything up to the lookups: what finishDocuments completes. */
export interface PreparedDocuments {
  configPath: string;
  configFile: InputFile | undefined;
  files: JobFile[];
  diagnostics: Diagnostic[];
  /** Declared in berth.yaml (sorted); empty without environments. */
  environments: string[];
  /** The environment chosen, when the repository has environments. */
  environment: string | undefined;
  /** The other environments' names in AWS (see SiblingNames). */
  siblings: SiblingNames | undefined;
  /** berth.yaml with the environment applied; undefined when unusable. */
  config: RepoConfig | undefined;
  configPlace: Place | undefined;
  configSites: ActiveSite[];
  /** The job documents that run in the environment. */
  jobs: PreparedJob[];
  /** Lookups to resolve (distinct calls). */
  calls: LookupCall[];
  now: Date | undefined;
}

export function prepareDocuments(input: ValidateInput): PreparedDocuments {
  const configPath = input.configPath ?? CONFIG_FILE;
  const cfg = readConfig(input.config, configPath);
  const diagnostics: Diagnostic[] = [...cfg.diagnostics, ...(input.diagnostics ?? [])];
  const files = [...input.jobFiles]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(input.readJob ?? readJobFile);
  const docs = files.flatMap((f) => f.documents);
  for (const f of files) append(diagnostics, f.diagnostics);
  diagnostics.push(...duplicateNames(docs));

  const choice = chooseEnvironment(cfg.config, input.environment, configPath, cfg.positions);
  append(diagnostics, choice.diagnostics);
  const env = choice.name;
  const config = cfg.config && choice.ok ? (env ? applyEnvironment(cfg.config, env) : cfg.config) : undefined;
  const configPlace: Place | undefined = cfg.positions
    ? { file: configPath, positions: resolvedPositions(cfg.positions, env) }
    : undefined;
  const configSites = config ? activeSites(config, cfg.lookups, env) : [];
  const selection = env ? cfg.config?.spec.environments?.[env]?.jobs : undefined;

  const jobs: PreparedJob[] = [];
  for (const doc of docs) {
    if (!doc.manifest) continue;
    if (cfg.config)
      append(
        diagnostics,
        checkJobEnvironments(doc.manifest, cfg.config).map((f) =>
          placeFinding(f, { file: doc.file, positions: doc.positions, job: doc.name }),
        ),
      );
    // Without a usable berth.yaml a job is kept as written (nothing renders anyway).
    if (!config) {
      jobs.push({ doc, manifest: doc.manifest, positions: doc.positions, sites: [], overridden: false });
      continue;
    }
    if (!selectsJob(selection, doc.manifest)) continue;
    const manifest = applyJobEnvironment(doc.manifest, env);
    jobs.push({
      doc,
      manifest,
      positions: resolvedPositions(doc.positions, env),
      sites: activeSites(manifest, doc.lookups, env),
      overridden: env !== undefined && doc.manifest.spec.environments?.[env] !== undefined,
    });
  }
  return {
    configPath,
    configFile: input.config,
    files,
    diagnostics,
    environments: environmentNames(cfg.config),
    environment: env,
    siblings: cfg.config && env ? siblingNames(cfg.config, env) : undefined,
    config,
    configPlace,
    configSites,
    jobs,
    calls: callsOf([...configSites, ...jobs.flatMap((j) => j.sites)]),
    now: input.now,
  };
}

export function finishDocuments(p: PreparedDocuments, lookups: ResolvedLookups | undefined): LoadResult {
  const diagnostics = [...p.diagnostics];
  const uses: LookupUse[] = [];
  // berth.yaml: lookups put in, and its rules again when the environment or a lookup changed a value.
  let config = p.config;
  if (config && p.configPlace && (p.environment !== undefined || p.configSites.length > 0)) {
    const s = substituteLookups(config, p.configSites, lookups, { file: p.configPath });
    config = s.value;
    uses.push(...s.uses);
    append(diagnostics, s.diagnostics);
    const findings = checkConfigFields(config).filter((f) => !s.deferred.has(f.pointer));
    append(
      diagnostics,
      findings.map((f) => placeFinding(f, p.configPlace!)),
    );
  }

  // Without a usable berth.yaml the defaults are unknown, and so is the merged job: rules
  // about it would only echo the config's problem.
  const ready: PreparedJob[] = [];
  for (const job of p.jobs) {
    const place: Place = { file: job.doc.file, positions: job.positions, job: job.doc.name };
    const s = substituteLookups(job.manifest, job.sites, lookups, place);
    uses.push(...s.uses);
    append(diagnostics, s.diagnostics);
    const manifest = s.value;
    if (job.overridden || job.sites.length > 0)
      append(diagnostics, resolvedJobChecks(manifest, job, place, s.deferred));
    if (config)
      append(
        diagnostics,
        jobRules(manifest, place, config, p.configPlace, p.now).filter((d) => !s.deferred.has(d.pointer)),
      );
    ready.push({ ...job, manifest });
  }

  const limited = limitPerFile(dedupe(diagnostics).sort(compareDiagnostics));
  const result = assemble(config, p.configFile ? p.configPath : undefined, p.files, ready, limited);
  if (p.environments.length > 0) result.environments = p.environments;
  if (p.siblings) result.siblings = p.siblings;
  if (p.environment !== undefined) result.environment = p.environment;
  if (uses.length > 0) result.lookups = uses;
  return result;
}

/** A job an environment or a lookup changed: the schema and the rules on written values, again. */
function resolvedJobChecks(
  manifest: JobManifest,
  job: PreparedJob,
  place: Place,
  deferred: Set<string>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const validate = validators().job;
  if (job.overridden && !validate(manifest)) {
    const root = loadSchema('job');
    out.push(
      ...schemaDiagnostics(validate.errors ?? [], {
        file: place.file,
        positions: place.positions,
        root,
        homes: fieldHomes(root),
        job: place.job,
      }),
    );
    return out;
  }
  const findings = checkJobFields(manifest).filter((f) => !deferred.has(f.pointer));
  return [...out, ...findings.map((f) => placeFinding(f, place))];
}

function jobRules(
  raw: JobManifest,
  place: Place,
  config: RepoConfig,
  configPlace: Place | undefined,
  now: Date | undefined,
): Diagnostic[] {
  const job = stripNulls(effectiveJob(config, raw));
  const findings = checkJob({ raw, job, config, namePrefix: config.spec.namePrefix ?? '', now });
  return findings.map((f) => placeFinding(f, place, configPlace));
}

/** The same problem found on the written and on the resolved document is said once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}|${d.line}|${d.column}|${d.rule}|${d.pointer}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
  prepared: PreparedJob[],
  diagnostics: Diagnostic[],
): LoadResult {
  const failing = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const jobs: LoadedJob[] = [];
  const invalidNames = new Set<string>();
  for (const f of files) {
    if (!failing.has(f.path)) continue;
    for (const d of f.documents) if (d.name !== undefined) invalidNames.add(d.name);
    for (const n of f.salvagedNames) invalidNames.add(n);
  }
  for (const j of prepared) {
    if (failing.has(j.doc.file)) continue;
    jobs.push({
      manifest: j.manifest,
      source: { file: j.doc.file, document: j.doc.index, line: j.doc.start[0], column: j.doc.start[1] },
      positions: Object.fromEntries(j.positions.fields),
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
