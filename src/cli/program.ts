// The berth command line: commander program, one module per command under commands/.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { COLOR_CHOICES } from '../config/color.js';
import { EXIT } from './exit-codes.js';
import { guardStream } from './terminal-guard.js';
import { commanderMessage, describeError } from './user-error.js';
import { VERSION } from './version.js';
import { COMMANDS } from './commands/index.js';
import { errorDocument, wantsJson } from './json-errors.js';

/**
 * The program with the commands `argv` needs: only the named command when there is one
 * (start-up time is most of a small plan), every command for help or an unknown name.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const args = argv.slice(2);
  const name = commandName(args);
  // The controller reconciles several environments at once: its --env may be repeated.
  const env = new Option(
    '--env <name>',
    'environment of berth.yaml spec.environments to work on [BERTH_ENV]',
  );
  if (name === 'controller') {
    env.argParser((value: string, before: string[] | undefined) => [...(before ?? []), value]);
    env.description = 'environment of berth.yaml to reconcile; repeat it for several [BERTH_ENV=a,b]';
  } else {
    // Only the controller works on several environments: `berth --env dev --env prod apply`
    // must not quietly apply the last one.
    env.argParser((value: string, before: string | undefined) => {
      if (before !== undefined)
        throw new InvalidArgumentError(
          `given twice (${before}, ${value}): only \`berth controller\` takes several`,
        );
      return value;
    });
  }
  const program = new Command('berth')
    .description('GitOps reconciler for scheduled container jobs on AWS (ECS + EventBridge Scheduler)')
    .version(VERSION, '-V, --version')
    // No default here: the default would hide BERTH_DIR (config/runtime.ts falls back to '.').
    .option('-C, --dir <path>', 'repository root (where berth.yaml lives) [BERTH_DIR] (default: .)')
    .addOption(env)
    .addOption(
      new Option('--color <when>', 'colour for people: auto (a terminal, unless NO_COLOR), always, never')
        .choices(COLOR_CHOICES)
        .default('auto'),
    )
    // Each command's --help lists -C and --color too: they are written before the command.
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ outputError: (str, write) => write(commanderMessage(str)) })
    .showHelpAfterError('  hint: run `berth --help` for the commands and options')
    .exitOverride();
  const versionOnly = name === undefined && (args.includes('-V') || args.includes('--version'));
  const named = COMMANDS.filter((c) => c.name === name);
  // run and backfill have an --env of their own (container variables, -e NAME=VALUE): for them
  // the program's options (--env NAME, -C) are read before the command name only, else the
  // program would take `berth run JOB --env K=V` as environment "K=V".
  if (name !== undefined && OWN_ENV_OPTION.has(name)) program.enablePositionalOptions();
  for (const entry of versionOnly ? [] : named.length > 0 ? named : COMMANDS) {
    (await entry.load()).register(program);
    program.commands.at(-1)?.helpGroup(entry.group);
  }
  // A mistake gets one line and a pointer to the command's help, not the whole help text.
  for (const cmd of program.commands) helpHint(cmd, `berth ${cmd.name()}`);
  return program;
}

function helpHint(cmd: Command, path: string): void {
  cmd.showHelpAfterError(`  hint: run \`${path} --help\` for its options`);
  for (const sub of cmd.commands) helpHint(sub, `${path} ${sub.name()}`);
}

/** Commands whose --env sets container variables, not the environment of berth.yaml. */
const OWN_ENV_OPTION = new Set(['run', 'backfill']);

/** The first word that is not a global option (or its value): the command to run. */
export function commandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-C' || a === '--dir' || a === '--color' || a === '--env') i++;
    else if (a === '--') return args[i + 1];
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Runs the CLI and exits with the command's code; errors become one clear line, not a stack trace. */
export async function runCli(argv: string[]): Promise<void> {
  guardStream(process.stdout);
  guardStream(process.stderr);
  const program = await buildProgram(argv);
  let code: number = EXIT.ok;
  try {
    await program.parseAsync(argv);
    code = typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    code = reportError(err, wantsJson(argv.slice(2)));
  }
  // process.exit does not wait for a pipe to take what was written: `berth plan -o json | jq`
  // got the first 64 KiB. Both streams are drained first (open SDK sockets would keep the
  // process alive without the exit).
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

/** Resolves once everything written to `stream` so far has been handed to the OS (or failed). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

/** The exit code for `err`, after saying what went wrong on stderr (one line and a hint, no stack). */
export function reportError(err: unknown, json = false): number {
  // With -o json, stdout also carries a berth.error document (help and version are not errors).
  if (json && !(err instanceof CommanderError && err.exitCode === 0))
    process.stdout.write(errorDocument(err));
  const { text, code } = describeError(err, Boolean(process.env.BERTH_DEBUG));
  if (text) process.stderr.write(text);
  return code === 0 ? EXIT.ok : EXIT.error;
}
