// `berth init --from-task-definition FAMILY`: the first job, converted from a live task definition
// (and the schedule that runs it, if any) by the same code as `berth import`.
import { importJobs, type ImportedJob, type ImportPorts } from '../import/index.js';
import { BerthError } from '../model/errors.js';
import type { RepoConfig } from '../model/manifest.js';
import type { PlannedFile } from './write-files.js';

export interface SeedInput {
  family: string;
  root: string;
  config: RepoConfig;
  configText: string;
  region: string | undefined;
}

export interface Seed {
  file: PlannedFile;
  job: ImportedJob;
}

export async function seedJob(input: SeedInput, ports: ImportPorts): Promise<Seed> {
  const spec = input.config.spec;
  const result = await importJobs(
    {
      selection: {
        families: [input.family],
        groups: [],
        schedules: [],
        rules: [],
        allRules: false,
        eventBusName: 'default',
      },
      root: input.root,
      existing: new Map(),
      force: false,
      dryRun: true,
      config: input.config,
      configFile: { path: 'berth.yaml', content: input.configText },
      jobsDir: spec.jobsDir ?? 'jobs',
      region: input.region,
      arnContext: {
        region: spec.region ?? input.region,
        ...(spec.schedulerRoleArn ? { schedulerRoleArn: spec.schedulerRoleArn } : {}),
      },
      now: new Date(),
      // A seed is a starting point: what the first apply would change is listed, not refused.
      allowChanges: true,
    },
    ports,
  );
  const job = result.jobs[0];
  if (!job)
    throw new BerthError('NotFound', result.problems[0] ?? `no task definition family ${input.family}`, {
      hint: 'name an ACTIVE family (aws ecs list-task-definition-families --status ACTIVE), or leave out --from-task-definition',
    });
  if (!job.yaml || (job.outcome !== 'written' && job.outcome !== 'unchanged'))
    throw new BerthError('Invalid', `${input.family} cannot seed a job: ${job.reason ?? job.outcome}`, {
      hint: 'leave out --from-task-definition and edit the example job, or import it later with berth import',
    });
  return { file: { path: job.file, content: job.yaml }, job };
}
