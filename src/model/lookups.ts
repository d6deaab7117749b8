// Lookups: values a manifest takes from outside git at load time ({{ ssm "/path" }}, …),
// resolved before the pure render and shown, with where they came from, in the plan.
import type { RepoConfig } from './manifest.js';

export const LOOKUP_FUNCTIONS = ['env', 'must_env', 'ssm', 'tfstate', 'cfn'] as const;
export type LookupFunction = (typeof LOOKUP_FUNCTIONS)[number];

/** One call as written, arguments unquoted. */
export interface LookupCall {
  fn: LookupFunction;
  args: string[];
  /** Identifies the call for the per-run cache: the same key is resolved once. */
  key: string;
}

export type LookupResult =
  | {
      ok: true;
      value: string;
      /** Where the value came from, for people: "ssm /etl/subnet (us-east-1)". */
      source: string;
      /** Shown masked: the name looks like a secret's. */
      sensitive?: boolean;
      /** Not resolved in this run (no AWS access): value is a placeholder, rules skip it. */
      deferred?: boolean;
    }
  | { ok: false; message: string; hint?: string };

/** Resolved values by LookupCall.key. */
export type ResolvedLookups = ReadonlyMap<string, LookupResult>;

/** A lookup the desired state used: what plans and `berth render` show. */
export interface LookupUse {
  /** The call as written, e.g. {{ ssm "/etl/subnet" }}. */
  expression: string;
  fn: LookupFunction;
  source: string;
  /** The resolved value; "(sensitive)" when masked. */
  value: string;
  file: string;
  line: number;
  column: number;
}

/** How a run resolved its lookups, for --stats. */
export interface LookupStats {
  /** Places in the manifests that use a lookup. */
  uses: number;
  /** Distinct calls resolved (the rest were answered from the per-run cache). */
  resolved: number;
  /** Distinct calls by function. */
  byFunction: Partial<Record<LookupFunction, number>>;
  /** State files / SSM batches / stacks actually read. */
  reads: number;
  failed: number;
}

/** What a resolver knows of the repository it resolves for. */
export interface LookupContext {
  /** Repository root: local state files are read relative to it (and must stay inside). */
  root: string;
  /** berth.yaml with the environment applied: region, role and account to resolve with. */
  config: RepoConfig;
  environment?: string;
}

/** Resolves the distinct calls of one load (src/lookups implements it; the loader only calls it). */
export type LookupResolver = (
  calls: readonly LookupCall[],
  ctx: LookupContext,
) => Promise<{ results: ResolvedLookups; stats: LookupStats }>;
