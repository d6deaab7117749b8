// --env: the environment of berth.yaml for every command, except that run and backfill keep
// their own --env (container variables): `berth run JOB --env K=V` must not pick environment "K=V".
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { settingsOf } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';

/** What the command would see, without running it. */
async function parsed(args: string[]): Promise<{ environment: string | undefined; own: unknown }> {
  const argv = ['node', 'berth', ...args];
  const program = await buildProgram(argv);
  let seen: { environment: string | undefined; own: unknown } | undefined;
  for (const c of program.commands)
    c.action((...a: unknown[]) => {
      const cmd = a[a.length - 1] as Command;
      seen = { environment: settingsOf(cmd).environment, own: cmd.opts<{ env?: unknown }>().env };
    });
  await program.parseAsync(argv);
  return seen!;
}

describe('--env', () => {
  it('names the environment before or after the command name', async () => {
    expect((await parsed(['--env', 'prod', 'plan'])).environment).toBe('prod');
    expect((await parsed(['plan', '--env', 'prod'])).environment).toBe('prod');
  });

  it('after run and backfill is theirs (container variables); before them, the environment', async () => {
    expect(await parsed(['run', 'job', '--env', 'K=V'])).toEqual({ environment: undefined, own: ['K=V'] });
    expect(await parsed(['--env', 'prod', 'run', 'job', '-e', 'K=V'])).toEqual({
      environment: 'prod',
      own: ['K=V'],
    });
    const backfill = await parsed([
      '--env',
      'dev',
      'backfill',
      'job',
      '--from',
      '2024-01-01',
      '--to',
      '2024-01-02',
      '--every',
      '1 day',
      '--env',
      'A=B',
    ]);
    expect(backfill).toEqual({ environment: 'dev', own: ['A=B'] });
  });
});
