// `berth completion bash|zsh|fish`: a completion script for the shell, made from the program's
// own commands and options.
import { Argument, type Command, type Option } from 'commander';
import {
  completionScript,
  SHELLS,
  type CompletionCommand,
  type CompletionOption,
  type Shell,
} from '../completion-scripts.js';

export function register(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      '\nLoad it:\n  bash: source <(berth completion bash)   (or save it in ~/.local/share/bash-completion/completions/berth)\n' +
        '  zsh:  source <(berth completion zsh)    (or save it as _berth on $fpath)\n' +
        '  fish: berth completion fish | source    (or save it as ~/.config/fish/completions/berth.fish)',
    )
    .action(async (shell: Shell) => {
      // Every command, not only this one: the program was built for `completion` alone.
      const { buildProgram } = await import('../program.js');
      const full = await buildProgram(['node', 'berth', '--help']);
      process.stdout.write(
        completionScript(shell, {
          globalOptions: full.options.map(option),
          commands: full.commands.map(command),
        }),
      );
    });
}

function command(c: Command): CompletionCommand {
  return {
    name: c.name(),
    description: c.description(),
    options: [
      ...c.options.map(option),
      { flags: ['-h', '--help'], description: 'show help', takesValue: false },
    ],
    subcommands: c.commands.map(command),
  };
}

function option(o: Option): CompletionOption {
  return {
    flags: [o.short, o.long].filter((f): f is string => Boolean(f)),
    description: o.description,
    takesValue: o.required || o.optional,
    ...(o.argChoices ? { choices: o.argChoices } : {}),
  };
}
