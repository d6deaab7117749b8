// A rule's verdict before it has a place in a file: the pointer says where in the
// document (job or config) it is about; validate.ts turns it into a positioned Diagnostic.
import type { EffectiveJob } from '../merge.js';
import type { JobManifest, RepoConfig } from '../../model/manifest.js';
import type { Severity } from '../../model/diagnostics.js';

export interface Finding {
  severity: Severity;
  rule: string;
  pointer: string;
  message: string;
  hint?: string;
  /** Point at the key of the field (a bad tag key) rather than its value. */
  atKey?: boolean;
}

export function error(rule: string, pointer: string, message: string, hint?: string): Finding {
  return hint === undefined
    ? { severity: 'error', rule, pointer, message }
    : { severity: 'error', rule, pointer, message, hint };
}

export function warning(rule: string, pointer: string, message: string, hint?: string): Finding {
  return { ...error(rule, pointer, message, hint), severity: 'warning' };
}

export function atKey(f: Finding): Finding {
  return { ...f, atKey: true };
}

/** What a rule about one whole job sees. */
export interface JobContext {
  /** The job as written (schema-valid; may hold nulls that drop defaults). */
  raw: JobManifest;
  /** Defaults applied, nulls removed. */
  job: EffectiveJob;
  /** The repository config, when it is valid; rules that need it stay quiet otherwise. */
  config: RepoConfig | undefined;
  namePrefix: string;
  /** For "already in the past" warnings; absent in pure tests that do not care. */
  now?: Date | undefined;
}

export type JobRule = (ctx: JobContext) => Finding[];
