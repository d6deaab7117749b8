// Per-job metric values after a cycle (pure): status, whether the job equals git, and the
// task-definition revision it runs, so dashboards can show what each job is on.
import { parseTaskDefinitionArn } from '../aws/task-definition-arn.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { JobTruth } from './job-truth.js';

export interface JobMetric {
  job: string;
  status: JobTruth['status'];
  inSync: boolean;
  /** "family:revision" the job's schedule runs (else its latest berth revision); "" when none. */
  revision: string;
}

export function jobMetrics(truths: readonly JobTruth[], desired: DesiredState, live: LiveState): JobMetric[] {
  const byName = new Map(desired.jobs.map((j) => [j.name, j]));
  return truths
    .filter((t) => t.status !== 'Pruned')
    .map((t) => {
      const j = byName.get(t.job);
      const name = j?.scheduleName ?? `${desired.namePrefix}${t.job}`;
      const arn = live.schedules[name]?.description.Target?.EcsParameters?.TaskDefinitionArn;
      const pinned = arn ? parseTaskDefinitionArn(arn) : undefined;
      const latest = live.families[j?.family ?? `${desired.namePrefix}${t.job}`]?.latest;
      const rev = pinned ?? latest;
      return {
        job: t.job,
        status: t.status,
        inSync: t.inSync,
        revision: rev ? `${rev.family}:${rev.revision}` : '',
      };
    });
}
