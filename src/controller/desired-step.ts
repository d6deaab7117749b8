// Cycle step 1: bring the source up to date and evaluate a new revision. A valid revision
// becomes the one reconciled; an invalid one is reported (once) and the last valid revision
// stays in force. A source that cannot be read changes nothing: no checkout, no prune.
import type { Logger } from 'pino';
import type { AlertSink } from '../notify/dispatcher.js';
import { evaluateRepository, type Evaluation } from '../pipeline/evaluate.js';
import type { Source, SourceSnapshot } from '../source/source.js';
import { invalidCommitAlert } from './alerts.js';
import type { ControllerMemory } from './status.js';

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
  evaluate?: (root: string, opts: Parameters<typeof evaluateRepository>[1]) => Promise<Evaluation>;
}

export interface DesiredStep {
  snapshot: SourceSnapshot | undefined;
  /** A snapshot not evaluated before was looked at this cycle. */
  changed: boolean;
  sourceError: string | undefined;
}

export async function refreshDesired(deps: DesiredStepDeps, source: Source): Promise<DesiredStep> {
  const mem = deps.memory;
  const iso = () => new Date(deps.now()).toISOString();
  let snapshot: SourceSnapshot;
  try {
    snapshot = await source.sync(deps.signal);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (mem.sourceError?.message !== message)
      deps.log.error({ source: source.description, error: message }, 'source unavailable');
    mem.sourceError = { message, since: mem.sourceError?.since ?? iso() };
    return { snapshot: undefined, changed: false, sourceError: message };
  }
  if (mem.sourceError) deps.log.info({ source: source.description }, 'source available again');
  mem.sourceError = null;
  mem.head = snapshot.revision;
  if (mem.evaluatedId === snapshot.id) return { snapshot, changed: false, sourceError: undefined };

  const evaluate = deps.evaluate ?? evaluateRepository;
  const evaluation = await evaluate(snapshot.dir, {
    revision: snapshot.revision,
    ...(deps.region ? { region: deps.region } : {}),
    ...(deps.accountId ? { accountId: deps.accountId } : {}),
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
  return { snapshot, changed: true, sourceError: undefined };
}
