// One job: effective spec (defaults applied) → task definition, hash, tags, schedule.
import { effectiveJob } from '../manifests/merge.js';
import type { EffectiveJob } from '../manifests/merge.js';
import type { DesiredJob } from '../model/desired.js';
import type { LoadedJob } from '../model/diagnostics.js';
import type { JobManifest, RepoConfig } from '../model/manifest.js';
import { resolveCluster, taskDefinitionFamilyArn } from './arns.js';
import type { ArnContext, ClusterLocation } from './arns.js';
import { mainContainerName } from './containers.js';
import { effectiveLogging } from './logging.js';
import { contentHash } from './hash.js';
import { chooseLaunch } from './launch.js';
import {
  familyName,
  isValidScheduleName,
  scheduleName as toScheduleName,
  SCHEDULE_NAME_MAX,
} from './naming.js';
import { containerOverrides, overridesInput } from './overrides.js';
import { error } from './problems.js';
import type { Report } from './problems.js';
import { scheduleInput } from './schedule.js';
import { runHealth } from './run-health.js';
import { sensitiveEnvNames } from './sensitive-env.js';
import { taskDefinitionBody } from './task-definition.js';
import { taskDefinitionTags, toEcsTags } from './tags.js';

/** What every job of a repository shares. */
export interface RepoContext {
  config: RepoConfig;
  owner: string;
  namePrefix: string;
  region: string | undefined;
  scheduleGroup: string;
  arnContext: ArnContext;
  /** Location of the config's cluster; undefined when it could not be resolved. */
  cluster: ClusterLocation | undefined;
  revision: string | undefined;
}

export function renderJob(loaded: LoadedJob, repo: RepoContext, report: Report): DesiredJob {
  const manifest = loaded.manifest;
  const job = withLogging(effectiveJob(repo.config, manifest), repo.config, manifest);
  const family = familyName(repo.namePrefix, job.name);
  const shorthand = manifest.spec.containers === undefined;
  const launch = chooseLaunch(manifest.spec.task, job.task, report);
  const logCtx = { job: job.name, namePrefix: repo.namePrefix, region: repo.region };
  const body = taskDefinitionBody(job, family, launch, logCtx, shorthand, report);
  const hash = contentHash(body);
  const tags = taskDefinitionTags(repo.owner, job.name, hash, job.tags, repo.revision);
  const containerNames = job.containers.map((c) => c.name);
  const main = mainContainerName(job.containers, job.run.container);
  if (job.run.container !== undefined && !containerNames.includes(main))
    report(
      error(
        'render/unknown-container',
        '/spec/run/container',
        `run.container "${main}" is not a container of the job`,
        `containers: ${containerNames.join(', ') || '(none)'}`,
      ),
    );
  const overrides = containerOverrides(job.run, containerNames, main, report);

  const out: DesiredJob = {
    name: job.name,
    family,
    source: loaded.source,
    taskDefinition: { ...body, tags: toEcsTags(tags) },
    oneTime: false,
    contentHash: hash,
    sync: job.sync,
    mainContainer: main,
    sensitiveEnv: sensitiveEnvNames(job.containers, overrides),
  };
  const health = runHealth(job.run, report);
  if (health) out.health = health;
  if (!job.schedule) return out;

  const name = toScheduleName(repo.namePrefix, job.name);
  if (!isValidScheduleName(name))
    report(
      error(
        'render/schedule-name',
        '/metadata/name',
        `schedule name "${name}" must be 1–${SCHEDULE_NAME_MAX} of [0-9a-zA-Z-_.]`,
        'shorten the job name or namePrefix',
      ),
    );
  const location = jobCluster(job.run.cluster, repo, report);
  out.scheduleName = name;
  out.schedule = scheduleInput(
    job.schedule,
    job.run,
    {
      name,
      group: repo.scheduleGroup,
      description: job.description,
      clusterArn: location?.clusterArn,
      roleArn: repo.config.spec.schedulerRoleArn,
      taskDefinitionArn: location ? taskDefinitionFamilyArn(location, family) : family,
      launch,
      networkMode: body.networkMode ?? 'awsvpc',
      platformVersion: job.task.platformVersion,
      input: overridesInput(overrides),
    },
    report,
  );
  out.oneTime =
    job.schedule.expression.trim().startsWith('at(') && job.schedule.actionAfterCompletion === 'DELETE';
  return out;
}

/** Container logging by the driver-switch rule of effectiveLogging (the rest as merge.ts). */
function withLogging(job: EffectiveJob, config: RepoConfig, manifest: JobManifest): EffectiveJob {
  const defaults = config.spec.defaults?.logging;
  const own = manifest.spec.containers;
  const containers = job.containers.map((c, i) => ({
    ...c,
    logging: effectiveLogging([defaults, manifest.spec.logging, own ? own[i]?.logging : undefined]),
  }));
  return { ...job, containers };
}

/** run.cluster (name or ARN) overrides the config's cluster for one job. */
function jobCluster(ref: string | undefined, repo: RepoContext, report: Report): ClusterLocation | undefined {
  if (ref === undefined) return repo.cluster;
  const resolved = resolveCluster(ref, repo.arnContext, '/spec/run/cluster');
  if (resolved.ok) return resolved.value;
  resolved.problems.forEach(report);
  return undefined;
}
