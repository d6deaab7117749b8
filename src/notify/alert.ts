// What an alert says, independent of where it goes. Built by the controller, delivered by
// notifiers. Values inside are already masked; the fingerprint never contains a time.

export type AlertKind =
  | 'drift-detected'
  | 'drift-resolved'
  | 'apply-failed'
  | 'invalid-commit'
  | 'source-failed'
  | 'source-recovered'
  | 'history-rewritten'
  | 'apply-recovered'
  | 'conflict-detected'
  | 'conflict-resolved'
  | 'prune-refused'
  | 'prune-refusal-resolved'
  | 'deploy-succeeded';
export type AlertSeverity = 'info' | 'warning' | 'error';

export interface Alert {
  kind: AlertKind;
  severity: AlertSeverity;
  /** One line: "Drift in daily-sales (reported)". */
  title: string;
  /** Detail lines for people (field changes, positioned errors). */
  lines: string[];
  /** Repository config name (the ownership id). */
  owner: string | null;
  job: string | null;
  revision: string | null;
  /** Deduplication key: kind + what it is about, no timestamps. */
  fingerprint: string;
  /** ISO time it was raised (not part of the fingerprint). */
  at: string;
  /** Structured payload for machines (drift entry, diagnostics, error). */
  data: Record<string, unknown>;
}

/** Where alerts go: Slack, a generic webhook, … */
export interface Notifier {
  /** For logs and metrics: "slack", "webhook". */
  readonly name: string;
  /** Where it delivers, credentials and secret paths removed. */
  readonly target: string;
  /** Rejects when the delivery failed (the dispatcher retries). */
  send(alert: Alert, signal?: AbortSignal): Promise<void>;
}
