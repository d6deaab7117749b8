// Which jobs a new revision touched, compared with the one in force: the jobs whose desired
// state differs (the commit tag aside, which moves with every commit). A revision that removed a
// job or changed anything outside the jobs (berth.yaml, a manifest that stopped validating) is
// not "a few jobs": the cycle reads everything.
import { VOLATILE_TAG_KEYS, type DesiredJob, type DesiredState } from '../model/desired.js';

/** `base`: the revision compared with (the one in force before). */
export type Touched = { kind: 'jobs'; jobs: string[]; base: string } | { kind: 'full'; reason: string };

export function touchedJobs(base: string, before: DesiredState, after: DesiredState): Touched {
  if (configText(before) !== configText(after)) return { kind: 'full', reason: 'berth.yaml changed' };
  const old = new Map(before.jobs.map((j) => [j.name, jobText(j)]));
  const names = new Set(after.jobs.map((j) => j.name));
  const removed = [...old.keys()].filter((n) => !names.has(n));
  if (removed.length > 0)
    return { kind: 'full', reason: `jobs removed from git (${removed.sort().join(', ')})` };
  const jobs = after.jobs
    .filter((j) => old.get(j.name) !== jobText(j))
    .map((j) => j.name)
    .sort();
  return { kind: 'jobs', jobs, base };
}

/** Everything but the jobs, the revision and the lookups (a lookup that moved changes the jobs using it). */
function configText(d: DesiredState): string {
  const { jobs: _j, revision: _r, lookups: _l, ...rest } = d;
  return JSON.stringify(rest);
}

function jobText(j: DesiredJob): string {
  const tags = (j.taskDefinition.tags ?? []).filter((t) => !VOLATILE_TAG_KEYS.includes(t.key ?? ''));
  return JSON.stringify({ ...j, taskDefinition: { ...j.taskDefinition, tags } });
}
