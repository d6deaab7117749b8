// Repository on disk → validated manifests → desired state (or the reasons there is none).
import { renderDesired } from '../desired/index.js';
import { loadRepository, type JobFileCache } from '../manifests/index.js';
import type { DesiredState } from '../model/desired.js';
import type { Diagnostic, LoadResult } from '../model/diagnostics.js';
import type { LookupResolver } from '../model/lookups.js';

export interface Evaluation {
  load: LoadResult;
  /** Undefined when any error stops rendering: nothing may be planned from a broken repository. */
  desired: DesiredState | undefined;
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

export interface EvaluateOptions {
  revision?: string;
  /** Region from flags/environment, used when berth.yaml names none. */
  region?: string;
  accountId?: string;
  /** See manifests/job-file-cache.ts. */
  jobFileCache?: JobFileCache;
  /** The environment asked for (--env / BERTH_ENV). */
  environment?: string;
  /** How lookups are resolved (src/lookups); without it they are reported unresolved. */
  resolveLookups?: LookupResolver;
  /** Where local state files are read when `root` is a revision read from git (the working tree). */
  lookupRoot?: string;
}

export async function evaluateRepository(root: string, opts: EvaluateOptions = {}): Promise<Evaluation> {
  const load = await loadRepository(root, {
    ...(opts.jobFileCache ? { jobFileCache: opts.jobFileCache } : {}),
    ...(opts.environment !== undefined ? { environment: opts.environment } : {}),
    ...(opts.resolveLookups ? { resolveLookups: opts.resolveLookups } : {}),
    ...(opts.lookupRoot !== undefined ? { lookupRoot: opts.lookupRoot } : {}),
  });
  const diagnostics = [...load.diagnostics];
  let desired: DesiredState | undefined;
  if (load.config && !diagnostics.some((d) => d.severity === 'error')) {
    const rendered = renderDesired(load.config, load.jobs, {
      ...(opts.revision ? { revision: opts.revision } : {}),
      ...(opts.region ? { region: opts.region } : {}),
      ...(opts.accountId ? { accountId: opts.accountId } : {}),
      ...(load.configFile ? { configFile: load.configFile } : {}),
      ...(load.environment !== undefined ? { environment: load.environment } : {}),
      ...(load.lookups ? { lookups: load.lookups } : {}),
      protectedNames: load.invalidJobNames ?? [],
      ...(load.siblings ? { siblings: load.siblings } : {}),
    });
    diagnostics.push(...rendered.diagnostics);
    if (!rendered.diagnostics.some((d) => d.severity === 'error')) desired = rendered.state;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { load, desired, diagnostics, errors, warnings: diagnostics.length - errors };
}
