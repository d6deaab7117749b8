// What every start of a job needs and is checked once: the live revision and a container
// the overrides can address. Shared by `berth run` and each window of `berth backfill`.
import type { DesiredJob } from '../model/desired.js';
import { BerthError } from '../model/errors.js';
import type { EcsPort } from '../model/ports.js';
import { liveRevision } from './live-revision.js';
import type { LiveRevision } from './live-revision.js';
import type { TaskOverride } from './overrides.js';
import type { RunSettings } from './run-settings.js';

export interface PreparedRun {
  job: DesiredJob;
  revision: LiveRevision;
  settings: RunSettings;
  /** Container that CLI arguments and --env go to; its exit code is the run's. */
  container: string;
}

export async function prepareRun(
  ecs: EcsPort,
  req: { job: DesiredJob; owner: string; settings: RunSettings; container?: string },
): Promise<PreparedRun> {
  const revision = await liveRevision(ecs, req.job, req.owner);
  const container = req.container ?? req.job.mainContainer;
  checkContainers(
    revision,
    [container],
    req.container === undefined ? "the job's main container" : '--container',
  );
  return { job: req.job, revision, settings: req.settings, container };
}

/** ECS rejects overrides naming a container the revision lacks: say so before calling it. */
export function checkOverrideContainers(prepared: PreparedRun, overrides: TaskOverride): void {
  const names = (overrides.containerOverrides ?? []).map((c) => c.name ?? '');
  checkContainers(prepared.revision, names, 'the run overrides');
}

export function containerNames(revision: LiveRevision): string[] {
  return (revision.description.containerDefinitions ?? []).map((c) => c.name ?? '');
}

/** Essential unless the definition says `essential: false` (absent ≡ true). */
export function isEssential(revision: LiveRevision, container: string): boolean {
  const def = revision.description.containerDefinitions?.find((c) => c.name === container);
  return def?.essential !== false;
}

function checkContainers(revision: LiveRevision, wanted: string[], what: string): void {
  const known = containerNames(revision);
  const missing = wanted.filter((n) => !known.includes(n));
  if (missing.length > 0)
    throw new BerthError(
      'Invalid',
      `${what} name container "${missing.join('", "')}", which ${revision.arn} does not define`,
      {
        hint: `containers: ${known.join(', ') || '(none)'}`,
      },
    );
}
