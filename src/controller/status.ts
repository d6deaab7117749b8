// What the controller knows between cycles, and the status it shows (GET /api/status).
import type { LeaderStatus } from '../lease/leader-gate.js';
import type { JobOutcomeKind } from '../model/apply.js';
import type { DesiredState } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { PlanLiveRead, SyncStatus } from '../model/plan.js';
import { DriftTracker } from './drift-tracker.js';
import { ConditionTracker } from './conditions.js';
import type { JobMetric } from './job-metrics.js';
import type { Divergence } from './job-truth.js';
import type { ChangeKind, Decision } from './policy.js';
import type { TriggerKind } from './triggers.js';
import { MemoryJobFileCache } from '../manifests/job-file-cache.js';

/**
 * synced: every selected job equals git after the cycle (re-checked after apply) ·
 * out-of-sync: some jobs differ only because policy leaves them to a person (manual sync,
 * self-heal off, prune off) · degraded: some jobs differ because berth would not or could not
 * change them (conflict, a refused or held prune, an apply that did not converge) ·
 * skipped: nothing new to look at · invalid: no valid revision yet ·
 * failed: source, AWS or apply error · interrupted: shutting down.
 */
export type CycleOutcome =
  'synced' | 'out-of-sync' | 'degraded' | 'skipped' | 'invalid' | 'failed' | 'interrupted';

/** Outcomes of a cycle that planned without error: the controller works, whatever AWS holds. */
export const PLANNED_OUTCOMES: readonly CycleOutcome[] = ['synced', 'out-of-sync', 'degraded'];

export interface JobStatus {
  job: string;
  /** After this cycle: what the re-check after apply found (the plan when nothing was applied). */
  status: SyncStatus | 'Pruned';
  /** What the plan found before applying. */
  planned: SyncStatus;
  /** AWS equals git for this job after the cycle. */
  inSync: boolean;
  /** Why not, when not (see job-truth.ts); null when in sync. */
  divergence: Divergence | null;
  kind: ChangeKind;
  decision: Decision;
  /** Why berth acted, or why the job still differs from git. */
  reason: string;
  /** What apply did this cycle, when it was asked to. */
  result: JobOutcomeKind | null;
  error: string | null;
  file: string | null;
  /**
   * When AWS was last read for this job (the cycle's start). A cycle that read only the jobs a
   * commit touched keeps every other job's entry, and this time, from the cycle that read it.
   */
  readAt: string;
}

export interface CycleSummary {
  triggers: TriggerKind[];
  startedAt: string;
  durationMs: number;
  outcome: CycleOutcome;
  /** Source head this cycle saw. */
  revision: string | null;
  /** Revision whose desired state was planned (the last valid one). */
  reconciledRevision: string | null;
  applied: number;
  failed: number;
  /** Jobs that differ from git after the cycle (suspended ones not counted); null when it did not plan. */
  differing: number | null;
  awsCalls: number;
  /**
   * The cycle's read of AWS: full or light, and the age of the revision lists it trusted
   * (docs/performance.md, "Light and full reads"); null when it did not plan.
   */
  liveRead: PlanLiveRead | null;
  error: string | null;
}

/** leader, lease and leaseError come from the leader election (src/lease/leader.ts). */
export interface ControllerStatus extends Partial<LeaderStatus> {
  kind: 'berth.status';
  formatVersion: 1;
  source: string;
  ready: boolean;
  owner: string | null;
  /** The environment of berth.yaml reconciled (--env / BERTH_ENV), and its account: null without. */
  environment: string | null;
  account: string | null;
  revision: string | null;
  /** The revision in force: the last valid one, which cycles reconcile towards (set when a cycle starts). */
  reconciledRevision: string | null;
  /** The revision of the last cycle that synced: AWS matched it when that cycle ended. */
  syncedRevision: string | null;
  /** When a cycle last ended synced. */
  lastSyncedAt: string | null;
  /** The last plan's warnings (a refused prune says why here) and the controller's own (a held prune). */
  warnings: string[];
  invalid: { revision: string; since: string; diagnostics: Diagnostic[] } | null;
  sourceError: { message: string; since: string } | null;
  /** The revision in force came from a rewritten history: pruning waits for a commit on top. */
  rewrite: { revision: string; previous: string; since: string; held: string[] } | null;
  cycles: number;
  lastCycle: CycleSummary | null;
  /** When a cycle last planned without error (synced, out-of-sync or degraded). */
  lastSuccessAt: string | null;
  drifted: number;
  /** The apply in flight, updated job by job (null between applies). */
  applying: ApplyInFlight | null;
  jobs: JobStatus[];
}

export interface ApplyInFlight {
  revision: string;
  /** Jobs this apply acts on, done so far (failed included), and failed. */
  total: number;
  done: number;
  failed: number;
  lastJob: string | null;
  startedAt: string;
}

/** State a controller carries from one cycle to the next (one per controller, never shared). */
export class ControllerMemory {
  lastGood: { revision: string; desired: DesiredState } | undefined;
  /** SourceSnapshot.id last evaluated (valid or not): unchanged content is not re-read. */
  evaluatedId: string | undefined;
  head: string | undefined;
  invalid: ControllerStatus['invalid'] = null;
  sourceError: ControllerStatus['sourceError'] = null;
  rewrite: ControllerStatus['rewrite'] = null;
  readonly drift = new DriftTracker();
  /** Conflicts, refused prunes, failing applies: raised while current, resolved once gone. */
  readonly conditions = new ConditionTracker();
  warnings: string[] = [];
  /** Jobs whose last valid manifest said preventDestroy: never pruned by this controller. */
  readonly preventDestroy = new Set<string>();
  /** What was read from each job file, by content: a commit re-reads only the files it changed. */
  readonly jobFiles = new MemoryJobFileCache();
  jobs: JobStatus[] = [];
  /** Per-job metric values of the last cycle (a targeted cycle updates only the jobs it read). */
  jobMetrics: JobMetric[] = [];
  applying: ApplyInFlight | null = null;
  lastCycle: CycleSummary | undefined;
  lastSuccessAt: string | undefined;
  lastSyncedAt: string | undefined;
  syncedRevision: string | undefined;
  cycles = 0;
  ready = false;

  status(source: string): ControllerStatus {
    return {
      kind: 'berth.status',
      formatVersion: 1,
      source,
      ready: this.ready,
      owner: this.lastGood?.desired.owner ?? null,
      environment: this.lastGood?.desired.environment ?? null,
      account: this.lastGood?.desired.account ?? null,
      revision: this.head ?? null,
      reconciledRevision: this.lastGood?.revision ?? null,
      syncedRevision: this.syncedRevision ?? null,
      lastSyncedAt: this.lastSyncedAt ?? null,
      warnings: this.warnings,
      invalid: this.invalid,
      sourceError: this.sourceError,
      rewrite: this.rewrite,
      cycles: this.cycles,
      lastCycle: this.lastCycle ?? null,
      lastSuccessAt: this.lastSuccessAt ?? null,
      drifted: this.drift.entries().filter((e) => e.action !== 'healed').length,
      applying: this.applying,
      jobs: this.jobs,
    };
  }
}
