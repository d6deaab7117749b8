// Positioned validation results (house rule 5: validation returns errors, it does not throw).
import type { LookupStats, LookupUse } from './lookups.js';
import type { JobManifest, RepoConfig } from './manifest.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Path relative to the repository root, forward slashes. */
  file: string;
  /** 1-based; 0 when the problem is not tied to a place in a file. */
  line: number;
  column: number;
  /** JSON pointer inside the document (e.g. /spec/schedule/expression), '' for the document. */
  pointer: string;
  /** Stable rule id, e.g. "schema/additionalProperties", "cron/day-fields", "yaml/syntax". */
  rule: string;
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Job name, when known. */
  job?: string;
}

export interface SourceRef {
  file: string;
  /** 0-based index of the document in a multi-document file. */
  document: number;
  line: number;
  column: number;
}

/** A parsed job with where it came from, so later stages can point back to the file. */
export interface LoadedJob {
  manifest: JobManifest;
  source: SourceRef;
  /** Map JSON pointer → [line, column] for fields of this document (for positioned errors later). */
  positions: Record<string, [number, number]>;
}

export interface LoadResult {
  config: RepoConfig | undefined;
  configFile: string | undefined;
  jobs: LoadedJob[];
  diagnostics: Diagnostic[];
  /** Files that failed to load/validate: jobs defined in them must never be pruned. */
  invalidFiles: string[];
  /**
   * Names of the jobs in invalidFiles, as far as they could be read (sorted). Never prune
   * these; a broken file whose names could not be read at all should block pruning.
   */
  invalidJobNames: string[];
  /** Environments berth.yaml declares (absent: none). */
  environments?: string[];
  /** The environment applied (absent: the repository has none). */
  environment?: string;
  /** The other environments' schedule groups and name prefixes (absent: no other environment). */
  siblings?: SiblingNames;
  /** Lookups the jobs and berth.yaml used, resolved (absent: none). */
  lookups?: LookupUse[];
  /** How the lookups were resolved (set by the loader when there were any). */
  lookupStats?: LookupStats;
}

/**
 * What the repository's other environments are called in AWS. Two environments may share an
 * account and region (differing in scheduleGroup and namePrefix, with the same owner): the one's
 * names are never "previous names" of the other, or each apply would move the other's jobs away.
 */
export interface SiblingNames {
  groups: string[];
  prefixes: string[];
  /** The environments that may share this one's account and region (their tagged groups are never ours). */
  environments: string[];
}
