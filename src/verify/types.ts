// What `berth verify` checks and what it found. A reference is one value a job (or the
// repository config) points at in AWS; a finding is the outcome of checking one value, with
// every place that uses it.

/** Where a value is written: the file and the manifest field, for the fix. */
export interface Location {
  file: string;
  field: string;
}

export type ReferenceTarget =
  | { kind: 'cluster'; arn: string }
  | { kind: 'role'; arn: string; service: string; use: 'task' | 'execution' | 'scheduler' }
  | { kind: 'image'; image: string }
  | { kind: 'secret'; valueFrom: string }
  | { kind: 'logGroup'; name: string; region: string | undefined; createGroup: boolean }
  | { kind: 'network'; subnets: string[]; securityGroups: string[] }
  | { kind: 'queue'; arn: string };

export type ReferenceKind = ReferenceTarget['kind'];

export interface Reference {
  target: ReferenceTarget;
  /** Job name; undefined for a repository-level reference (berth.yaml's cluster, scheduler role). */
  job: string | undefined;
  locations: Location[];
}

/**
 * ok: exists and fits. failed: missing or misconfigured, the fix says what to do.
 * not-checked: berth does not look there (another registry, another account).
 * unknown: the check itself failed (e.g. access denied); not a failure of the reference.
 */
export type CheckStatus = 'ok' | 'failed' | 'not-checked' | 'unknown';

export interface CheckOutcome {
  status: CheckStatus;
  message: string;
  fix?: string;
}

export interface VerifyFinding extends CheckOutcome {
  kind: ReferenceKind;
  /** The value checked, for people (an ARN, an image, a log group, "subnet-…, sg-…"). */
  subject: string;
  /** Jobs that use it; empty for repository-level references. */
  jobs: string[];
  locations: Location[];
}

export interface VerifyReport {
  findings: VerifyFinding[];
  summary: Record<CheckStatus, number>;
  /** No finding failed. */
  ok: boolean;
  /** AWS calls made, by "service:Operation". */
  calls: Record<string, number>;
}
