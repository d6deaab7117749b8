// `berth completion`: scripts made from the program itself. bash is exercised for real (it is on
// every machine that runs the suite): the script is sourced and asked to complete command lines.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../support/in-process-cli.js';

async function script(shell: string): Promise<string> {
  const r = await runInProcess(['completion', shell]);
  expect(r.code).toBe(0);
  return r.stdout;
}

/** What the bash script offers for a command line whose last word is being typed. */
function bashComplete(src: string, line: string[]): string[] {
  const program = `${src}
COMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _berth
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', program], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

describe('berth completion', () => {
  it('bash: commands, their options, option values and subcommands, past global options', async () => {
    const src = await script('bash');
    expect(spawnSync('bash', ['-n'], { input: src }).status).toBe(0);
    expect(bashComplete(src, ['berth', 'pl'])).toEqual(['plan']);
    expect(bashComplete(src, ['berth', '-C', 'repo', '--color', 'never', 'va'])).toEqual(['validate']);
    expect(bashComplete(src, ['berth', '--env', 'prod', 'pl'])).toEqual(['plan']);
    expect(bashComplete(src, ['berth', 'plan', '--det'])).toEqual(['--detailed-exitcode']);
    expect(bashComplete(src, ['berth', 'validate', '-o', ''])).toEqual(['text', 'json', 'github']);
    expect(bashComplete(src, ['berth', '--color', ''])).toEqual(['auto', 'always', 'never']);
    expect(bashComplete(src, ['berth', 'lock', 'st'])).toEqual(['status']);
    expect(bashComplete(src, ['berth', 'lock', 'status', '--lock-t'])).toEqual(['--lock-table']);
    expect(bashComplete(src, ['berth', 'completion', ''])).toEqual([
      '-h',
      '--help',
      '-V',
      '--version',
      '-C',
      '--dir',
      '--env',
      '--color',
    ]);
  });

  it('zsh and fish: every command, with its options and the values of those with a fixed set', async () => {
    const zsh = await script('zsh');
    expect(zsh.split('\n')[0]).toBe('#compdef berth');
    expect(zsh).toContain(
      "'plan:show what apply would change in AWS (create / update / delete), field by field'",
    );
    expect(zsh).toContain(
      "'(-o --output)'{-o,--output}'[text (for people), json (berth.validate) or github (workflow annotations)]:value:(text json github)'",
    );
    const fish = await script('fish');
    expect(fish).toContain("complete -c berth -n '__fish_use_subcommand' -a drift");
    expect(fish).toContain(
      "complete -c berth -n '__fish_seen_subcommand_from lock; and __fish_seen_subcommand_from status' -l lock-table -r",
    );
    expect(fish).toContain("-l color -x -a 'auto always never'");
  });

  it('refuses a shell it does not know', async () => {
    const r = await runInProcess(['completion', 'tcsh']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("value 'tcsh' is invalid for argument 'shell'");
  });
});
