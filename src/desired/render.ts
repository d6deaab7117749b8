// Manifests + repository config → DesiredState: the exact AWS inputs berth wants to exist.
// Pure and deterministic: same input, byte-identical output (jobs sorted by name,
// lists sorted, no clock, no environment).
import { RUNS_DEFAULTS, type DesiredJob, type DesiredState, type RunsSettings } from '../model/desired.js';
import type { Diagnostic, LoadedJob, SiblingNames } from '../model/diagnostics.js';
import type { LookupUse } from '../model/lookups.js';
import type { RepoConfig, RepoConfigSpec } from '../model/manifest.js';
import { resolveCluster } from './arns.js';
import type { ClusterLocation } from './arns.js';
import { renderJob } from './job.js';
import type { RepoContext } from './job.js';
import { compareStrings, error } from './problems.js';
import type { Problem } from './problems.js';
import { groupTags } from './tags.js';

/** The live revision plus two to roll back to; older ones are deregistered. */
export const DEFAULT_KEEP_REVISIONS = 3;
export const DEFAULT_PRUNE = {
  enabled: true,
  allowEmpty: false,
  maxDeleteFraction: 0.5,
  deleteInactive: false,
};

export interface RenderOptions {
  /** Source commit; goes to the berth:commit tag (never into the content hash). */
  revision?: string;
  /** Account of the caller's credentials; needed when the cluster is given by name without schedulerRoleArn. */
  accountId?: string;
  /** Region from the environment, used when berth.yaml has no spec.region. */
  region?: string;
  /** Names of jobs whose manifests failed to load: never pruned. */
  protectedNames?: string[];
  /** The other environments' groups and prefixes (see SiblingNames). */
  siblings?: SiblingNames;
  /** Config path relative to the repository root, for config-level diagnostics. */
  configFile?: string;
  /** The environment the config was resolved for (named in plans and reports). */
  environment?: string;
  /** Lookups the manifests used (shown in plans). */
  lookups?: LookupUse[];
}

export interface RenderResult {
  state: DesiredState;
  diagnostics: Diagnostic[];
}

export function renderDesired(config: RepoConfig, jobs: LoadedJob[], opts: RenderOptions = {}): RenderResult {
  const spec = config.spec;
  const configFile = opts.configFile ?? 'berth.yaml';
  const diagnostics: Diagnostic[] = [];
  const configProblem = (p: Problem) => diagnostics.push(toDiagnostic(p, configFile, undefined, {}));

  // A cluster ARN names its own region; the environment's region is only a fallback for names.
  const clusterIsArn = spec.cluster.startsWith('arn:');
  const arnContext = {
    region: spec.region ?? (clusterIsArn ? undefined : opts.region),
    accountId: opts.accountId ?? spec.account,
    schedulerRoleArn: spec.schedulerRoleArn,
  };
  const resolved = resolveCluster(spec.cluster, arnContext, '/spec/cluster');
  let cluster: ClusterLocation | undefined;
  if (resolved.ok) cluster = resolved.value;
  else resolved.problems.forEach(configProblem);

  // --region / BERTH_REGION may choose a region berth.yaml leaves open, never contradict it:
  // the plan would read and write one region while every ARN names another.
  const fixedRegion = spec.region ?? cluster?.region;
  if (opts.region && fixedRegion && opts.region !== fixedRegion)
    configProblem(
      error(
        'render/region-conflict',
        spec.region ? '/spec/region' : '/spec/cluster',
        `--region/BERTH_REGION is ${opts.region}, but ${spec.region ? 'spec.region' : 'the cluster ARN'} says ${fixedRegion}`,
        `drop --region (and BERTH_REGION), or change ${spec.region ? 'spec.region' : 'spec.cluster'} in berth.yaml if the jobs really move`,
      ),
    );

  const repo: RepoContext = {
    config,
    owner: config.metadata.name,
    namePrefix: spec.namePrefix ?? '',
    region: spec.region ?? cluster?.region ?? opts.region,
    scheduleGroup: spec.scheduleGroup,
    arnContext,
    cluster,
    revision: opts.revision,
  };

  const rendered: DesiredJob[] = [];
  const seen = new Map<string, LoadedJob>();
  for (const loaded of sortJobs(jobs)) {
    const name = loaded.manifest.metadata.name;
    const first = seen.get(name);
    if (first) {
      diagnostics.push(duplicate(loaded, first));
      continue;
    }
    seen.set(name, loaded);
    const report = (p: Problem) =>
      diagnostics.push(
        p.inConfig
          ? toDiagnostic(p, configFile, undefined, {})
          : toDiagnostic(p, loaded.source.file, name, loaded.positions, loaded),
      );
    rendered.push(renderJob(loaded, repo, report));
  }

  const state: DesiredState = {
    owner: repo.owner,
    region: repo.region,
    clusterArn: cluster?.clusterArn ?? '',
    scheduleGroup: spec.scheduleGroup,
    groupTags: groupTags(repo.owner, spec.tags ?? {}, repo.namePrefix, opts.environment),
    namePrefix: repo.namePrefix,
    keepRevisions: spec.keepRevisions ?? DEFAULT_KEEP_REVISIONS,
    prune: { ...DEFAULT_PRUNE, ...definedOnly(spec.prune ?? {}) },
    ignoreTagKeys: [...(spec.ignoreTagKeys ?? [])].sort(compareStrings),
    jobs: rendered,
    protectedNames: [...new Set(opts.protectedNames ?? [])].sort(compareStrings),
    ...(opts.siblings ? { siblings: opts.siblings } : {}),
  };
  if (opts.revision) state.revision = opts.revision;
  if (spec.lock) state.lock = { ...spec.lock };
  if (spec.runs) state.runs = { ...RUNS_DEFAULTS, ...compactRuns(spec.runs) };
  if (opts.environment !== undefined) state.environment = opts.environment;
  if (spec.account !== undefined) state.account = spec.account;
  if (spec.role !== undefined) state.role = spec.role;
  if (opts.lookups?.length) state.lookups = opts.lookups;
  return { state, diagnostics: dedupe(diagnostics) };
}

/** By name, then by place, so duplicates are reported against the later definition. */
function sortJobs(jobs: LoadedJob[]): LoadedJob[] {
  const place = (j: LoadedJob) => `${j.source.file}\u0000${String(j.source.document).padStart(6, '0')}`;
  return [...jobs].sort(
    (a, b) =>
      compareStrings(a.manifest.metadata.name, b.manifest.metadata.name) ||
      compareStrings(place(a), place(b)),
  );
}

function duplicate(job: LoadedJob, first: LoadedJob): Diagnostic {
  const name = job.manifest.metadata.name;
  return {
    severity: 'error',
    file: job.source.file,
    line: job.source.line,
    column: job.source.column,
    pointer: '/metadata/name',
    rule: 'render/duplicate-job',
    message: `job "${name}" is also defined at ${first.source.file}:${first.source.line}`,
    hint: 'job names must be unique across the repository',
    job: name,
  };
}

/** Position of the pointer, else of its nearest ancestor, else of the document. */
function toDiagnostic(
  p: Problem,
  file: string,
  job: string | undefined,
  positions: Record<string, [number, number]>,
  loaded?: LoadedJob,
): Diagnostic {
  let [line, column] = loaded ? [loaded.source.line, loaded.source.column] : [0, 0];
  for (let ptr = p.pointer; ; ptr = ptr.slice(0, ptr.lastIndexOf('/'))) {
    const at = positions[ptr];
    if (at) {
      [line, column] = at;
      break;
    }
    if (ptr === '') break;
  }
  const d: Diagnostic = {
    severity: p.severity,
    file,
    line,
    column,
    pointer: p.pointer,
    rule: p.rule,
    message: p.message,
  };
  if (p.hint !== undefined) d.hint = p.hint;
  if (job !== undefined) d.job = job;
  return d;
}

/** A config-level problem (e.g. a missing schedulerRoleArn) is said once, not once per job. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}|${d.pointer}|${d.rule}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(obj).filter(([, v]) => v !== undefined && v !== null),
  ) as Partial<T>;
}

/** spec.runs without the keys left out (so the defaults stay). */
function compactRuns(runs: RepoConfigSpec['runs']): Partial<RunsSettings> {
  return Object.fromEntries(Object.entries(runs ?? {}).filter(([, v]) => v !== undefined && v !== null));
}
