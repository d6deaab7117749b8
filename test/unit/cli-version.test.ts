import { describe, expect, it } from 'vitest';
import { buildProgram, commandName } from '../../src/cli/program.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { VERSION } from '../../src/cli/version.js';

describe('cli', () => {
  it('reads its version from package.json', async () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect((await buildProgram()).version()).toBe(VERSION);
  });

  it('loads every command module under the name its entry gives', async () => {
    for (const entry of COMMANDS) {
      const program = await buildProgram(['node', 'berth', entry.name]);
      expect(program.commands.map((c) => c.name())).toEqual([entry.name]);
    }
  });

  it('loads them all for help and for a name it does not know', async () => {
    for (const argv of [[], ['--help'], ['help', 'plan'], ['nope']]) {
      const program = await buildProgram(['node', 'berth', ...argv]);
      expect(program.commands.map((c) => c.name()).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    }
  });

  it('lists the commands under headings, in the order a newcomer meets them', async () => {
    const help = (await buildProgram(['node', 'berth', '--help'])).helpInformation();
    const at = (s: string) => help.indexOf(s);
    const order = ['init', 'validate', 'plan', 'apply', 'drift', 'run', 'backfill', 'runs', 'controller'];
    const positions = order.map((name) => at(`\n  ${name} `));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(at('Start a repository and check it')).toBeLessThan(at('\n  init '));
    expect(at('Run jobs and watch their runs:')).toBeLessThan(at('\n  run '));
    expect(at('Run jobs and watch their runs:')).toBeGreaterThan(at('\n  apply '));
  });

  it('run and backfill say where the global --env goes, next to their own --env', async () => {
    for (const name of ['run', 'backfill']) {
      const program = await buildProgram(['node', 'berth', name]);
      const help = program.commands[0]!.helpInformation().replace(/\s+/g, ' ');
      expect(help).toContain(
        `an environment of berth.yaml goes before the command: berth --env NAME ${name}`,
      );
    }
  });

  it('finds the command past the global options', () => {
    expect(commandName(['-C', 'repo', 'plan', '--stats'])).toBe('plan');
    expect(commandName(['--dir', 'jobs dir', 'apply'])).toBe('apply');
    expect(commandName(['--dir=x', '-Cy', 'drift'])).toBe('drift');
    expect(commandName(['--version'])).toBeUndefined();
  });

  it('loads no command to print its version', async () => {
    expect((await buildProgram(['node', 'berth', '--version'])).commands).toEqual([]);
  });
});
