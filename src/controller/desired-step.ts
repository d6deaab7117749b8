// Cycle step 1: bring the source up to date and evaluate a new revision. A valid revision
// becomes the one reconciled; an invalid one is reported (once) and the last valid revision
// stays in force. A source that cannot be read changes nothing: no checkout, no prune. A
// revision whose history does not contain the one in force (a force-push) is applied, but
// nothing is pruned until a commit on top of it confirms the rewrite.
import type { Logger } from 'pino';
import { BerthError } from '../model/errors.js';
import type { LookupResolver } from '../model/lookups.js';
import type { AlertSink } from '../notify/dispatcher.js';
import { evaluateRepository, type Evaluation } from '../pipeline/evaluate.js';
import type { Source, SourceSnapshot } from '../source/source.js';
import {
  historyRewrittenAlert,
  invalidCommitAlert,
  sourceFailedAlert,
  sourceFailedFingerprint,
  sourceRecoveredAlert,
  sourceRecoveredFingerprint,
} from './alerts.js';
import type { ControllerMemory } from './status.js';
import { touchedJobs, type Touched } from './touched-jobs.js';

export interface DesiredStepDeps {
  memory: ControllerMemory;
  log: Logger;
  alerts: AlertSink;
  /** Account of the cluster ARN when berth.yaml gives a bare cluster name and no role ARN. */
  accountId?: string;
  now: () => number;
  /** Region from flags/environment, used when berth.yaml names none. */
  region?: string;
  signal?: AbortSignal;
  /** The environment of berth.yaml to reconcile (--env / BERTH_ENV). */
  environment?: string;
  /** How lookups are resolved (with the environment's AWS credentials). */
  resolveLookups?: LookupResolver;
  evaluate?: (root: string, opts: Parameters<typeof evaluateRepository>[1]) => Promise<Evaluation>;
}

export interface DesiredStep {
  snapshot: SourceSnapshot | undefined;
  /** A snapshot not evaluated before was looked at this cycle. */
  changed: boolean;
  sourceError: string | undefined;
  /** The stop signal cut the fetch short: no outage, nothing to report. */
  interrupted?: boolean;
  /** A new valid revision: the jobs it touched compared with the one in force (touched-jobs.ts). */
  touched?: Touched;
}

export async function refreshDesired(deps: DesiredStepDeps, source: Source): Promise<DesiredStep> {
  const mem = deps.memory;
  const iso = () => new Date(deps.now()).toISOString();
  let snapshot: SourceSnapshot;
  try {
    snapshot = await source.sync(deps.signal);
  } catch (err) {
    // A graceful stop aborts git ("Abort already signaled"): a stop is not an outage.
    if (deps.signal?.aborted) {
      deps.log.info({ source: source.description }, 'source read cut short: stopping');
      return { snapshot: undefined, changed: false, sourceError: undefined, interrupted: true };
    }
    const message = err instanceof Error ? err.message : String(err);
    if (mem.sourceError?.message !== message)
      deps.log.error({ source: source.description, error: message }, 'source unavailable');
    if (!mem.sourceError) {
      const transient = !(err instanceof BerthError) || err.transient;
      const hint = err instanceof BerthError ? err.hint : undefined;
      deps.alerts.forget(sourceRecoveredFingerprint(source.description));
      deps.alerts.send(sourceFailedAlert(source.description, { message, hint, transient }, head(deps)));
    }
    mem.sourceError = { message, since: mem.sourceError?.since ?? iso() };
    return { snapshot: undefined, changed: false, sourceError: message };
  }
  if (mem.sourceError) {
    deps.log.info({ source: source.description, since: mem.sourceError.since }, 'source available again');
    deps.alerts.forget(sourceFailedFingerprint(source.description));
    deps.alerts.send(
      sourceRecoveredAlert(source.description, mem.sourceError.since, snapshot.revision, head(deps)),
    );
  }
  mem.sourceError = null;
  mem.head = snapshot.revision;
  if (mem.evaluatedId === snapshot.id) return { snapshot, changed: false, sourceError: undefined };

  const evaluate = deps.evaluate ?? evaluateRepository;
  const evaluation = await evaluate(snapshot.dir, {
    revision: snapshot.revision,
    jobFileCache: mem.jobFiles,
    ...(deps.region ? { region: deps.region } : {}),
    ...(deps.accountId ? { accountId: deps.accountId } : {}),
    ...(deps.environment !== undefined ? { environment: deps.environment } : {}),
    ...(deps.resolveLookups ? { resolveLookups: deps.resolveLookups } : {}),
  });
  mem.evaluatedId = snapshot.id;
  if (!evaluation.desired) {
    const errors = evaluation.diagnostics.filter((d) => d.severity === 'error');
    mem.invalid = { revision: snapshot.revision, since: iso(), diagnostics: errors };
    deps.log.error(
      {
        revision: snapshot.revision,
        reconciling: mem.lastGood?.revision ?? null,
        errors: errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message}`),
      },
      'invalid revision: not applied',
    );
    deps.alerts.send(
      invalidCommitAlert(snapshot.revision, errors, {
        owner: mem.lastGood?.desired.owner,
        now: new Date(deps.now()),
      }),
    );
    return { snapshot, changed: true, sourceError: undefined };
  }
  if (evaluation.warnings > 0)
    deps.log.warn(
      {
        revision: snapshot.revision,
        warnings: evaluation.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`),
      },
      'revision has warnings',
    );
  const previous = mem.lastGood?.revision;
  const touched =
    mem.lastGood && previous !== snapshot.revision
      ? touchedJobs(mem.lastGood.revision, mem.lastGood.desired, evaluation.desired)
      : undefined;
  await checkHistory(deps, source, snapshot.revision, evaluation.desired.jobs);
  mem.lastGood = { revision: snapshot.revision, desired: evaluation.desired };
  mem.invalid = null;
  for (const j of evaluation.desired.jobs) {
    if (j.sync.preventDestroy) mem.preventDestroy.add(j.name);
    else mem.preventDestroy.delete(j.name);
  }
  if (previous !== snapshot.revision)
    deps.log.info(
      { revision: snapshot.revision, previous: previous ?? null, jobs: evaluation.desired.jobs.length },
      'new revision',
    );
  return { snapshot, changed: true, sourceError: undefined, ...(touched ? { touched } : {}) };
}

const head = (deps: DesiredStepDeps) => ({
  owner: deps.memory.lastGood?.desired.owner,
  now: new Date(deps.now()),
});

/**
 * Before a valid revision replaces the one in force: was the branch rewritten? Then the jobs the
 * rewrite dropped are held (not pruned) until a revision that contains the rewritten head
 * arrives. A source that cannot tell neither starts nor ends a hold.
 */
async function checkHistory(
  deps: DesiredStepDeps,
  source: Source,
  revision: string,
  jobs: readonly { name: string }[],
): Promise<void> {
  const mem = deps.memory;
  const inForce = mem.lastGood;
  if (!inForce || inForce.revision === revision || !source.isAncestor) return;
  const fastForward = await source.isAncestor(inForce.revision, revision);
  if (fastForward === true && mem.rewrite) {
    deps.log.info(
      { revision, rewritten: mem.rewrite.revision },
      'rewritten history confirmed: pruning resumes',
    );
    mem.rewrite = null;
  }
  if (fastForward !== false) return;
  const names = new Set(jobs.map((j) => j.name));
  const dropped = inForce.desired.jobs.map((j) => j.name).filter((n) => !names.has(n));
  const held = [...new Set([...(mem.rewrite?.held ?? []), ...dropped])].filter((n) => !names.has(n)).sort();
  mem.rewrite = {
    revision,
    previous: inForce.revision,
    since: new Date(deps.now()).toISOString(),
    held,
  };
  deps.log.warn(
    { revision, previous: inForce.revision, held },
    'history rewritten (force-push): changes applied, nothing pruned until a commit on top confirms',
  );
  deps.alerts.send(historyRewrittenAlert(mem.rewrite, head(deps)));
}
