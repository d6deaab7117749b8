// The loaded repository → one job's run settings, rendered the same way `berth apply` renders
// it. Pure: the caller loads the files and knows the account.
import { renderDesired } from '../desired/index.js';
import { resolveCluster } from '../desired/arns.js';
import { chooseLaunch } from '../desired/launch.js';
import { containerOverrides, overridesInput } from '../desired/overrides.js';
import { effectiveJob } from '../manifests/merge.js';
import type { DesiredJob, DesiredState } from '../model/desired.js';
import type { Diagnostic, LoadResult } from '../model/diagnostics.js';
import { BerthError } from '../model/errors.js';
import { parseOverridesInput } from './overrides.js';
import { settingsFromManifest, settingsFromSchedule } from './run-settings.js';
import type { RunSettings } from './run-settings.js';

export interface JobContext {
  desired: DesiredState;
  job: DesiredJob;
  settings: RunSettings;
  /** The job's schedule time zone (UTC without a schedule): backfill windows are cut in it. */
  timezone: string;
}

export function jobContext(
  load: LoadResult,
  jobName: string,
  opts: { region?: string; accountId?: string } = {},
): JobContext {
  const config = load.config;
  if (!config && load.configFile === undefined)
    throw new BerthError('Invalid', 'no berth.yaml found', {
      hint: 'run berth in the repository root or pass -C DIR',
    });
  if (!config) {
    // berth.yaml is there but cannot be used (an error in it, an unknown --env, environments
    // declared and none chosen): say that, not "no berth.yaml found".
    const errors = load.diagnostics.filter((d) => d.severity === 'error');
    throw new BerthError(
      'Invalid',
      `berth.yaml cannot be used${errors.length > 0 ? `:\n${errors.map(describe).join('\n')}` : ''}`,
      { hint: 'run `berth validate` for details (an environment is chosen with `berth --env NAME run …`)' },
    );
  }
  const loaded = load.jobs.find((j) => j.manifest.metadata.name === jobName);
  if (!loaded && load.invalidJobNames?.includes(jobName)) {
    const own = load.diagnostics.filter((d) => d.severity === 'error' && d.job === jobName);
    throw new BerthError(
      'Invalid',
      `job "${jobName}" is not valid${own.length > 0 ? `:\n${own.map(describe).join('\n')}` : ''}`,
      {
        hint: 'run `berth validate` for details',
      },
    );
  }
  if (!loaded) {
    const names = load.jobs.map((j) => j.manifest.metadata.name).sort();
    throw new BerthError('NotFound', `no job named "${jobName}"`, {
      hint: names.length > 0 ? `jobs: ${names.join(', ')}` : 'the repository has no valid job manifests',
    });
  }
  const rendered = renderDesired(config, load.jobs, {
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.accountId ? { accountId: opts.accountId } : {}),
    ...(load.configFile ? { configFile: load.configFile } : {}),
    ...(load.environment !== undefined ? { environment: load.environment } : {}),
  });
  // this job's problems and the config's; a broken other job does not stop this one
  const configFile = load.configFile ?? 'berth.yaml';
  const blocking = [...load.diagnostics, ...rendered.diagnostics].filter(
    (d) =>
      d.severity === 'error' &&
      (d.job === jobName ||
        (d.job === undefined && (d.file === configFile || d.file === loaded.source.file))),
  );
  if (blocking.length > 0)
    throw new BerthError('Invalid', `job "${jobName}" is not valid:\n${blocking.map(describe).join('\n')}`, {
      hint: 'run `berth validate` for details',
    });
  const job = rendered.state.jobs.find((j) => j.name === jobName)!;
  const effective = effectiveJob(config, loaded.manifest);
  const timezone = job.schedule?.ScheduleExpressionTimezone ?? effective.schedule?.timezone ?? 'UTC';
  if (job.schedule)
    return { desired: rendered.state, job, settings: settingsFromSchedule(job.schedule), timezone };

  // No schedule to read from: build what the schedule would hold from the same effective spec.
  const ignore = () => undefined;
  const launch = chooseLaunch(loaded.manifest.spec.task, effective.task, ignore);
  const names = effective.containers.map((c) => c.name);
  const overrides = containerOverrides(effective.run, names, job.mainContainer, ignore);
  let clusterArn = rendered.state.clusterArn;
  if (effective.run.cluster !== undefined) {
    const own = resolveCluster(
      effective.run.cluster,
      {
        region: rendered.state.region,
        accountId: opts.accountId ?? config.spec.account,
        schedulerRoleArn: config.spec.schedulerRoleArn,
      },
      '/spec/run/cluster',
    );
    if (!own.ok)
      throw new BerthError('Invalid', `job "${jobName}": ${own.problems.map((p) => p.message).join('; ')}`, {
        ...(own.problems[0]?.hint ? { hint: own.problems[0].hint } : {}),
      });
    clusterArn = own.value.clusterArn;
  }
  const settings = settingsFromManifest({
    clusterArn,
    run: effective.run,
    ...(launch.launchType ? { launchType: launch.launchType } : {}),
    ...(launch.capacityProviderStrategy ? { capacityProviderStrategy: launch.capacityProviderStrategy } : {}),
    fargate: launch.fargate,
    ...(effective.task.platformVersion ? { platformVersion: effective.task.platformVersion } : {}),
    networkMode: job.taskDefinition.networkMode ?? 'awsvpc',
    overrides: parseOverridesInput(overridesInput(overrides)),
  });
  return { desired: rendered.state, job, settings, timezone };
}

function describe(d: Diagnostic): string {
  const at = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  return `  ${at}: ${d.message}`;
}
