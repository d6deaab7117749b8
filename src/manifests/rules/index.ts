// Every semantic rule, in three groups: values where they are written (job and config
// sections), the job once defaults are applied, and the config itself.
import type { Finding, JobContext } from './finding.js';
import { checkConfig } from './config.js';
import { checkContainers } from './containers.js';
import { checkEnvironment } from './environment.js';
import { checkImage } from './images.js';
import { checkLoggingSection } from './logging.js';
import { checkNames } from './names.js';
import { checkNetwork, checkNetworkSection } from './network.js';
import { checkPartitions, repositoryPartition } from './partition.js';
import { checkSchedule, checkScheduleSection } from './schedule.js';
import { configSections, jobSections, writtenContainers } from './sections.js';
import type { Sections } from './sections.js';
import { BERTH_TASK_TAGS, checkTags, tagCount } from './tags.js';
import { checkTask, checkTaskSection } from './task.js';
import type { JobManifest, RepoConfig } from '../../model/manifest.js';

function sectionRules(s: Sections): Finding[] {
  return [
    ...s.task.flatMap((t) => checkTaskSection(t.value, t.pointer)),
    ...s.network.flatMap((n) => checkNetworkSection(n.value, n.pointer)),
    ...s.schedule.flatMap((x) => checkScheduleSection(x.value, x.pointer)),
    ...s.tags.flatMap((t) => checkTags(t.value, t.pointer)),
    ...s.logging.flatMap((l) => checkLoggingSection(l.value, l.pointer)),
  ];
}

/** Values as written in a job document. */
export function checkJobFields(job: JobManifest): Finding[] {
  const images = writtenContainers(job).flatMap((c) =>
    c.spec.image ? checkImage(c.spec.image, `${c.pointer}/image`) : [],
  );
  return [...sectionRules(jobSections(job)), ...images, ...checkEnvironment(job)];
}

/** The job with the repository defaults applied. */
export function checkJob(ctx: JobContext): Finding[] {
  const spec = ctx.config?.spec;
  const partition = repositoryPartition(spec?.region, spec?.cluster);
  return [
    ...checkPartitions(ctx.raw, partition, partitionSource(spec?.region)),
    ...checkNames(ctx),
    ...checkContainers(ctx),
    ...checkTask(ctx),
    ...checkSchedule(ctx),
    ...checkNetwork(ctx),
    ...tagCount(ctx.job.tags, '/spec/tags', BERTH_TASK_TAGS, 'the task definition'),
  ];
}

/** berth.yaml: its own settings and its defaults as written. */
export function checkConfigFields(config: RepoConfig): Finding[] {
  const partition = repositoryPartition(config.spec?.region, config.spec?.cluster);
  return [
    ...checkConfig(config),
    ...sectionRules(configSections(config)),
    ...checkPartitions(config, partition, partitionSource(config.spec?.region)),
  ];
}

function partitionSource(region: string | undefined): string {
  return region ? `spec.region ${region}` : 'the cluster ARN';
}
