// `berth init`: a new berth repository in the current (or -C) folder: berth.yaml, a first job,
// the schemas editors read, .berth/ in .gitignore, and on request the GitHub workflows. Asks on
// a terminal; takes flags in CI. Everything is validated before anything is written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { createAwsPorts } from '../../aws/index.js';
import {
  missing,
  splitList,
  withDefaults,
  type InitAnswers,
  type PartialAnswers,
} from '../../init/answers.js';
import { initFiles, workflowFiles } from '../../init/files.js';
import { ask } from '../../init/prompts.js';
import { seedJob, type Seed } from '../../init/seed.js';
import { conflicts, writeFiles, type PlannedFile } from '../../init/write-files.js';
import { validateDocuments } from '../../manifests/index.js';
import { BerthError } from '../../model/errors.js';
import type { RepoConfig } from '../../model/manifest.js';
import { requestTimeoutOption, settingsOf } from '../context.js';
import { printDiagnostics } from '../diagnostics-output.js';
import { EXIT } from '../exit-codes.js';
import { collect } from '../options.js';
import { USER_AGENT } from '../version.js';
import { configYaml, DOCS_URL } from '../../init/templates.js';

interface InitFlags {
  name?: string;
  region?: string;
  profile?: string;
  cluster?: string;
  namePrefix?: string;
  scheduleGroup?: string;
  schedulerRoleArn?: string;
  executionRoleArn?: string;
  subnet: string[];
  securityGroup: string[];
  workflows?: boolean;
  fromTaskDefinition?: string;
  force?: boolean;
  input: boolean;
}

export function register(program: Command): void {
  program
    .command('init')
    .description(
      'start a berth repository here: berth.yaml, a first job, schemas, .gitignore (asks on a terminal)',
    )
    .option('--name <name>', 'metadata.name, the ownership id (default: the folder name)')
    .option('--region <region>', 'AWS region (default: your AWS profile’s)')
    .option('--cluster <name>', 'ECS cluster the jobs run in (name or ARN)')
    .option('--name-prefix <prefix>', 'prefix of families and schedule names (default: NAME-)')
    .option('--schedule-group <name>', 'Scheduler group berth owns (default: berth-NAME)')
    .option('--scheduler-role-arn <arn>', 'role EventBridge Scheduler assumes to run tasks')
    .option('--execution-role-arn <arn>', 'task execution role (pulls images, writes logs)')
    .option('--subnet <id>', 'subnet for the tasks (repeatable, or comma-separated)', collect, [])
    .option(
      '--security-group <id>',
      'security group for the tasks (repeatable, or comma-separated)',
      collect,
      [],
    )
    .option(
      '--workflows',
      'also write .github/workflows/berth-pull-request.yml and berth-apply.yml (alone, in a berth repository: add just them)',
    )
    .option(
      '--from-task-definition <family>',
      'seed the first job from this live task definition (reads AWS)',
    )
    .option('--profile <name>', 'AWS shared-config profile (for --from-task-definition)')
    .option('--force', 'overwrite files that exist with other content')
    .option('--no-input', 'never ask, even on a terminal: missing answers are an error')
    .addHelpText(
      'after',
      '\nWithout a terminal (CI), give --cluster, --scheduler-role-arn, --execution-role-arn, --subnet and\n' +
        '--security-group; the rest have defaults. Nothing is written unless the result validates.',
    )
    .action(async (flags: InitFlags, cmd: Command) => {
      process.exitCode = await init(flags, cmd);
    });
}

async function init(flags: InitFlags, cmd: Command): Promise<number> {
  const settings = settingsOf(cmd);
  const root = settings.root;
  const folder = path.basename(root);
  const seeded = flags.fromTaskDefinition !== undefined;
  let answers = fromFlags(flags);
  // A repository that is already set up: no questions whose answers would only be refused.
  if (!flags.force && !seeded && Object.keys(answers).length === 0 && (await exists(root, 'berth.yaml')))
    return addToExisting(root, flags);
  if (flags.input && process.stdin.isTTY)
    answers = await ask(answers, seeded, folder, { input: process.stdin, output: process.stderr });
  answers = withDefaults(answers, folder);
  const open = missing(answers, seeded);
  if (open.length > 0)
    throw new BerthError('Invalid', `berth init needs ${open.map((q) => q.flag).join(', ')}`, {
      hint: 'pass them as flags, or run berth init on a terminal to be asked',
    });
  const complete = answers as InitAnswers;

  const seed = flags.fromTaskDefinition
    ? await seedFrom(flags.fromTaskDefinition, complete, flags, root, settings)
    : undefined;
  const { files, merged } = await initFiles({
    answers: complete,
    ...(seed ? { seed: { file: seed.file, family: flags.fromTaskDefinition! } } : {}),
    workflows: Boolean(flags.workflows),
    currentGitignore: await readFile(path.join(root, '.gitignore'), 'utf8').catch(() => undefined),
  });

  // Bad answers change nothing: the repository is checked as berth will read it, before writing.
  const check = validateDocuments({
    config: files[0],
    jobFiles: files.filter((f) => f.path.startsWith('jobs/')),
    now: new Date(),
  });
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    printDiagnostics(errors, process.stderr, settings.color);
    throw new BerthError('Invalid', 'these answers do not make a valid repository; nothing was written', {
      hint: 'correct the values named above and run berth init again',
    });
  }
  const clashes = flags.force ? [] : (await conflicts(root, files)).filter((f) => !merged.has(f));
  if (clashes.length > 0)
    throw new BerthError(
      'Conflict',
      `${clashes.join(', ')} already exist with other content; nothing was written`,
      {
        hint: 'run berth init in an empty folder, or pass --force to overwrite them',
      },
    );
  const written = await writeFiles(root, files, { force: Boolean(flags.force), merged });
  for (const w of written) process.stdout.write(`${w.outcome.padEnd(9)} ${w.path}\n`);
  for (const note of seed?.job.notes ?? []) process.stderr.write(`note: ${note}\n`);
  for (const change of seed?.job.changes ?? []) process.stderr.write(`first apply changes: ${change}\n`);
  process.stdout.write(nextSteps(files));
  return EXIT.ok;
}

/** `berth init --workflows` in a berth repository adds the workflows; without it, nothing to do. */
async function addToExisting(root: string, flags: InitFlags): Promise<number> {
  if (!flags.workflows)
    throw new BerthError(
      'Conflict',
      'berth.yaml already exists: this is a berth repository; nothing was written',
      {
        hint: 'berth init --workflows adds the GitHub workflows to it; to write every file again, pass the answers with --force',
      },
    );
  const files = await workflowFiles();
  const clashes = await conflicts(root, files);
  if (clashes.length > 0)
    throw new BerthError(
      'Conflict',
      `${clashes.join(', ')} already exist with other content; nothing was written`,
      {
        hint: 'pass --force with the answers to overwrite them, or remove them first',
      },
    );
  const written = await writeFiles(root, files, { force: false });
  for (const w of written) process.stdout.write(`${w.outcome.padEnd(9)} ${w.path}\n`);
  process.stdout.write(`\nNext: ${WORKFLOW_VARIABLES}\n`);
  return EXIT.ok;
}

async function exists(root: string, rel: string): Promise<boolean> {
  return readFile(path.join(root, rel), 'utf8').then(
    () => true,
    () => false,
  );
}

function fromFlags(f: InitFlags): PartialAnswers {
  const subnets = f.subnet.flatMap(splitList);
  const securityGroups = f.securityGroup.flatMap(splitList);
  return {
    ...(f.name ? { name: f.name } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(f.cluster ? { cluster: f.cluster } : {}),
    ...(f.namePrefix !== undefined ? { namePrefix: f.namePrefix } : {}),
    ...(f.scheduleGroup ? { scheduleGroup: f.scheduleGroup } : {}),
    ...(f.schedulerRoleArn ? { schedulerRoleArn: f.schedulerRoleArn } : {}),
    ...(f.executionRoleArn ? { executionRoleArn: f.executionRoleArn } : {}),
    ...(subnets.length ? { subnets } : {}),
    ...(securityGroups.length ? { securityGroups } : {}),
  };
}

async function seedFrom(
  family: string,
  answers: InitAnswers,
  flags: InitFlags,
  root: string,
  settings: ReturnType<typeof settingsOf>,
): Promise<Seed> {
  const configText = configYaml(answers);
  const region = answers.region ?? settings.region;
  const aws = {
    ...(region ? { region } : {}),
    ...(flags.profile ? { profile: flags.profile } : settings.profile ? { profile: settings.profile } : {}),
    maxAttempts: settings.maxAttempts,
    ...requestTimeoutOption(settings),
    userAgent: USER_AGENT,
  };
  const ports = createAwsPorts(aws);
  // The region the SDK settled on (flag, berth.yaml, AWS_REGION or the profile): the seed's cluster
  // ARN and log region are rendered with it.
  const resolved = region ?? (await ports.connection?.())?.region;
  const { createReferencePorts } = await import('../../aws/verify-ports.js');
  const events = createReferencePorts(aws, ports.calls).events;
  return seedJob(
    { family, root, config: parse(configText) as RepoConfig, configText, region: resolved },
    { ecs: ports.ecs, scheduler: ports.scheduler, events },
  );
}

const WORKFLOW_VARIABLES =
  'in GitHub, set the repository variables AWS_REGION, BERTH_PLAN_ROLE_ARN and BERTH_APPLY_ROLE_ARN\n' +
  `  that the workflows in .github/workflows read (${DOCS_URL}github-action.md).`;

function nextSteps(files: readonly PlannedFile[]): string {
  const job = files[1]!.path;
  const workflows = files.some((f) => f.path.startsWith('.github/'));
  return [
    '',
    `Next: edit ${job} (image, command, schedule), then`,
    '  berth validate        # every problem, with file:line:column',
    '  berth plan            # what apply would create in AWS',
    '  berth apply           # create it',
    ...(workflows ? ['', `Then: ${WORKFLOW_VARIABLES}`] : []),
    '',
  ].join('\n');
}
