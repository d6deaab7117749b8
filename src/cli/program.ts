// The berth command line: commander program, one module per command under commands/.
import { Command, CommanderError } from 'commander';
import { BerthError } from '../model/errors.js';
import { EXIT } from './exit-codes.js';
import { VERSION } from './version.js';
import { COMMANDS } from './commands/index.js';

/**
 * The program with the commands `argv` needs: only the named command when there is one
 * (start-up time is most of a small plan), every command for help or an unknown name.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('berth')
    .description('GitOps reconciler for scheduled container jobs on AWS (ECS + EventBridge Scheduler)')
    .version(VERSION, '-V, --version')
    .option('-C, --dir <path>', 'repository root (where berth.yaml lives)', '.')
    .option('--env <name>', 'environment of berth.yaml spec.environments to work on [BERTH_ENV]')
    .showHelpAfterError()
    .exitOverride();
  const args = argv.slice(2);
  const name = commandName(args);
  const versionOnly = name === undefined && (args.includes('-V') || args.includes('--version'));
  const named = COMMANDS.filter((c) => c.name === name);
  // run and backfill have an --env of their own (container variables, -e NAME=VALUE): for them
  // the program's options (--env NAME, -C) are read before the command name only, else the
  // program would take `berth run JOB --env K=V` as environment "K=V".
  if (name !== undefined && OWN_ENV_OPTION.has(name)) program.enablePositionalOptions();
  for (const entry of versionOnly ? [] : named.length > 0 ? named : COMMANDS)
    (await entry.load()).register(program);
  return program;
}

/** Commands whose --env sets container variables, not the environment of berth.yaml. */
const OWN_ENV_OPTION = new Set(['run', 'backfill']);

/** The first word that is not a global option (or its value): the command to run. */
export function commandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-C' || a === '--dir' || a === '--env') i++;
    else if (a === '--') return args[i + 1];
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Runs the CLI and exits with the command's code; errors become one clear line, not a stack trace. */
export async function runCli(argv: string[]): Promise<void> {
  const program = await buildProgram(argv);
  let code: number = EXIT.ok;
  try {
    await program.parseAsync(argv);
    code = typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    code = reportError(err);
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

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // help and version are "errors" to commander; their output is already printed
    return err.exitCode === 0 ? EXIT.ok : EXIT.error;
  }
  if (err instanceof BerthError) {
    process.stderr.write(`berth: ${err.message}\n`);
    if (err.hint) process.stderr.write(`  hint: ${err.hint}\n`);
    if (process.env.BERTH_DEBUG && err.cause) process.stderr.write(`  cause: ${String(err.cause)}\n`);
    return EXIT.error;
  }
  process.stderr.write(
    `berth: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return EXIT.error;
}
