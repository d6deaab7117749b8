// `berth import`: write job manifests for task definitions and schedules (or classic EventBridge
// rules) that already run, so a team can put existing jobs under berth. `--adopt` then makes
// the imported revisions berth's, explicitly; removing the old schedules stays the user's step.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { stringify as stringifyYaml } from 'yaml';
import { jsonDocument } from '../../report/json-envelope.js';
import type { RuntimeSettings } from '../../config/runtime.js';
import {
  adoptionSteps,
  adoptRevisions,
  DEFAULT_GROUP,
  importJobs,
  importSucceeded,
  inRepository,
  isEmptySelection,
  parseScheduleArg,
  renderImportText,
  type AdoptOutcome,
  type ImportResult,
  type ImportSelection,
} from '../../import/index.js';
import { readGroup } from '../../live/group.js';
import { CONFIG_FILE, DEFAULT_JOBS_DIR, loadRepository } from '../../manifests/index.js';
import { DEFAULT_KEEP_REVISIONS } from '../../desired/index.js';
import { BerthError } from '../../model/errors.js';
import type { RepoConfig } from '../../model/manifest.js';
import type { AwsPorts } from '../../model/ports.js';
import { evaluateRepository } from '../../pipeline/evaluate.js';
import { assertAccount } from '../../pipeline/account.js';
import {
  cacheFor,
  checkCacheDir,
  commandAws,
  loadOptions,
  settingsOf,
  withAwsOptions,
  type CommandAws,
} from '../context.js';
import { printDiagnostics } from '../diagnostics-output.js';
import { EXIT } from '../exit-codes.js';
import { collect } from '../options.js';

interface ImportFlags {
  family: string[];
  prefix?: string;
  group: string[];
  schedule: string[];
  rule: string[];
  rules?: boolean;
  eventBus: string;
  force?: boolean;
  allowChanges?: boolean;
  adopt?: boolean;
  dryRun?: boolean;
  output: 'text' | 'json';
}

export function register(program: Command): void {
  withAwsOptions(
    program
      .command('import')
      .description(
        'write job manifests for task definitions and schedules that already exist (Scheduler schedules or ' +
          'classic EventBridge rules with ECS targets), using berth.yaml’s defaults; says what the first apply does',
      )
      .option(
        '--family <name>',
        'a task-definition family (repeatable); its schedule is looked for in --group, else "default"',
        collect,
        [],
      )
      .option(
        '--prefix <prefix>',
        'families whose name starts with this (and, with --group/--rules, schedules and rules named so)',
      )
      .option('--group <name>', 'every ECS schedule in this Scheduler group (repeatable)', collect, [])
      .option(
        '--schedule <[group/]name>',
        'one Scheduler schedule (repeatable; group "default" when left out)',
        collect,
        [],
      )
      .option('--rule <name>', 'one classic EventBridge rule with an ECS target (repeatable)', collect, [])
      .option('--rules', 'every scheduled EventBridge rule with an ECS target on the event bus')
      .option('--event-bus <name>', 'event bus of the rules', 'default')
      .option('--force', 'overwrite job files that exist with other content')
      .option(
        '--allow-changes',
        'write jobs even where the first apply would change the task definition or schedule',
      )
      .option('--adopt', 'tag the imported revisions as berth’s (ecs:TagResource, no new revision)')
      .option('--dry-run', 'print the manifests on stdout and write nothing')
      .addOption(
        new Option('-o, --output <format>', 'text, or json (berth.import: manifests included)')
          .choices(['text', 'json'])
          .default('text'),
      ),
  ).action(async (flags: ImportFlags, cmd: Command) => {
    const settings = settingsOf(cmd);
    await checkCacheDir(settings);
    const selection: ImportSelection = {
      families: flags.family,
      ...(flags.prefix !== undefined ? { prefix: flags.prefix } : {}),
      groups: flags.group,
      schedules: flags.schedule.map(parseScheduleArg),
      rules: flags.rule,
      allRules: Boolean(flags.rules),
      eventBusName: flags.eventBus,
    };
    if (isEmptySelection(selection))
      throw new BerthError('Invalid', 'name what to import', {
        hint: 'use --family, --prefix, --group, --schedule, --rule or --rules',
      });
    const commandAwsOf = commandAws(settings);
    const { config, configFile, existing, environment } = await repository(settings, commandAwsOf);
    const configured = settings.region ?? config.spec.region;
    // The environment's region and role: import reads the account the environment is in.
    const access = {
      ...(config.spec.region ? { region: config.spec.region } : {}),
      ...(config.spec.role ? { role: config.spec.role } : {}),
      owner: config.metadata.name,
      ...(environment !== undefined ? { environment } : {}),
    };
    const aws = commandAwsOf.options(access);
    const ports = commandAwsOf.ports(access);
    await assertAccount(ports, config.spec.account, environment);
    // Else the region the SDK settled on (AWS_REGION, the profile): manifests are rendered with it
    // (a cluster given by name needs it for its ARN).
    const region = configured ?? (await ports.connection?.())?.region;
    // Seven extra SDK clients cost seconds to load: only the commands that use them do.
    const { createReferencePorts } = await import('../../aws/verify-ports.js');
    const events = createReferencePorts(aws, ports.calls).events;
    const jobsDir = config.spec.jobsDir ?? DEFAULT_JOBS_DIR;
    const result = await importJobs(
      {
        selection,
        root: settings.root,
        existing,
        force: Boolean(flags.force),
        dryRun: Boolean(flags.dryRun),
        config,
        configFile: { path: CONFIG_FILE, content: configFile },
        jobsDir,
        region,
        arnContext: {
          region: config.spec.region ?? region,
          ...(config.spec.schedulerRoleArn ? { schedulerRoleArn: config.spec.schedulerRoleArn } : {}),
        },
        now: new Date(),
        allowChanges: Boolean(flags.allowChanges),
      },
      { ecs: ports.ecs, scheduler: ports.scheduler, events },
    );
    const adopted =
      flags.adopt && !flags.dryRun
        ? await adopt(settings, result, config, ports, region, commandAwsOf)
        : undefined;
    const group = await readGroup(ports.scheduler, config.spec.scheduleGroup, config.metadata.name);
    const steps = adoptionSteps(result.jobs, {
      owner: config.metadata.name,
      scheduleGroup: config.spec.scheduleGroup,
      groupStatus: group.status,
      namePrefix: config.spec.namePrefix ?? '',
      keepRevisions: config.spec.keepRevisions ?? DEFAULT_KEEP_REVISIONS,
      region,
      rerun: rerunFlags(flags),
      ...(adopted ? { adopted } : {}),
    });
    const adoptFailed = adopted?.some((a) => a.status === 'skipped') ?? false;
    process.exitCode = importSucceeded(result) && !adoptFailed ? EXIT.ok : EXIT.error;
    if (flags.output === 'json') {
      process.stdout.write(
        jsonDocument('berth.import', {
          ok: process.exitCode === EXIT.ok,
          dryRun: Boolean(flags.dryRun),
          jobs: result.jobs.map(importedJson),
          problems: result.problems,
          adopted: adopted ?? null,
          nextSteps: steps,
        }),
      );
      return;
    }
    const report = renderImportText({ ...result, steps, dryRun: Boolean(flags.dryRun) });
    if (flags.dryRun) {
      if (flags.adopt) process.stderr.write('--dry-run: nothing was adopted.\n');
      const docs = result.jobs.filter((j) => j.yaml && j.outcome !== 'skipped').map((j) => j.yaml);
      process.stdout.write(docs.join('---\n'));
      process.stderr.write(report);
    } else process.stdout.write(report);
  });
}

/** One imported job for machines: what happened, the manifest, and why not when it was not written. */
function importedJson(j: ImportResult['jobs'][number]) {
  return {
    name: j.name,
    file: j.file,
    outcome: j.outcome,
    reason: j.reason ?? null,
    family: j.source.family,
    revisionArn: j.source.revisionArn,
    notes: j.notes,
    changes: j.changes,
    manifest: j.yaml ?? null,
  };
}

/** berth.yaml (it must validate: its defaults shape the manifests) and the jobs already there. */
async function repository(settings: RuntimeSettings, aws: CommandAws) {
  const load = await loadRepository(settings.root, loadOptions(settings, aws));
  const configErrors = load.diagnostics.filter(
    (d) => d.severity === 'error' && d.file === (load.configFile ?? CONFIG_FILE),
  );
  if (!load.config || !load.configFile || configErrors.length > 0) {
    printDiagnostics(configErrors.length ? configErrors : load.diagnostics, process.stderr, settings.color);
    throw new BerthError('Invalid', `berth import needs a valid ${CONFIG_FILE} in ${settings.root}`, {
      hint: 'its defaults decide what the imported manifests leave out',
    });
  }
  const existing = new Map(load.jobs.map((j) => [j.manifest.metadata.name, j.source.file]));
  for (const name of load.invalidJobNames)
    if (!existing.has(name)) existing.set(name, '(a file that does not validate)');
  // With an environment or lookups, manifests are checked against berth.yaml as resolved for it.
  const configFile =
    load.environment !== undefined || load.lookups
      ? stringifyYaml(load.config)
      : await readFile(path.join(settings.root, load.configFile), 'utf8');
  return { config: load.config as RepoConfig, configFile, existing, environment: load.environment };
}

/** Tags the imported revisions from the repository's desired state as it is on disk now. */
async function adopt(
  settings: RuntimeSettings,
  result: ImportResult,
  config: RepoConfig,
  ports: AwsPorts,
  region: string | undefined,
  aws: CommandAws,
): Promise<AdoptOutcome[]> {
  const evaluation = await evaluateRepository(settings.root, {
    ...(region ? { region } : {}),
    ...loadOptions(settings, aws),
  });
  if (!evaluation.desired) {
    printDiagnostics(evaluation.diagnostics, process.stderr, settings.color);
    throw new BerthError('Invalid', 'the repository does not validate: nothing was adopted', {
      hint: 'fix it and run --adopt again',
    });
  }
  // The live-state cache keeps a revision's tags; the tagged ones are refreshed, not left stale.
  const cache = cacheFor(settings);
  const conn = ports.connection ? await ports.connection() : { region: ports.region, endpoint: 'unknown' };
  await cache.open({ ...conn, owner: config.metadata.name, group: config.spec.scheduleGroup });
  const targets = result.jobs
    .filter(inRepository)
    .map((j) => ({ job: j.name, revisionArn: j.source.revisionArn }));
  const out = await adoptRevisions(targets, evaluation.desired, ports.ecs, (arn, description, tags) =>
    cache.putRevision(arn, { description, tags }),
  );
  await cache.save().catch(() => undefined);
  return out;
}

function rerunFlags(f: ImportFlags): string {
  const parts: string[] = [];
  for (const x of f.family) parts.push(`--family ${x}`);
  if (f.prefix !== undefined) parts.push(`--prefix ${f.prefix}`);
  for (const g of f.group) parts.push(`--group ${g}`);
  for (const s of f.schedule)
    parts.push(`--schedule ${s.startsWith(`${DEFAULT_GROUP}/`) ? s.slice(DEFAULT_GROUP.length + 1) : s}`);
  for (const r of f.rule) parts.push(`--rule ${r}`);
  if (f.rules) parts.push('--rules');
  if (f.eventBus !== 'default') parts.push(`--event-bus ${f.eventBus}`);
  return parts.join(' ');
}
