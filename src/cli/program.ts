// The berth command line: commander program, one module per command under commands/.
import { Command, CommanderError } from 'commander';
import { BerthError } from '../model/errors.js';
import { EXIT } from './exit-codes.js';
import { VERSION } from './version.js';
import { COMMANDS } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('berth')
    .description('GitOps reconciler for scheduled container jobs on AWS (ECS + EventBridge Scheduler)')
    .version(VERSION, '-V, --version')
    .option('-C, --dir <path>', 'repository root (where berth.yaml lives)', '.')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

/** Runs the CLI and exits with the command's code; errors become one clear line, not a stack trace. */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  let code: number = EXIT.ok;
  try {
    await program.parseAsync(argv);
    code = typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    code = reportError(err);
  }
  process.exit(code);
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
