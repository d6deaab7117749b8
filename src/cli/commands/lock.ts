// `berth lock init | status | unlock`: the DynamoDB lease that keeps two writers of one schedule
// group apart (berth.yaml spec.lock). init creates the table; status shows who holds the lease;
// unlock removes a dead holder's lease at once instead of waiting for it to expire.
import type { Command } from 'commander';
import { describeHolder } from '../../lease/describe.js';
import { chooseLease } from '../../lease/settings.js';
import type { DesiredState } from '../../model/desired.js';
import { BerthError } from '../../model/errors.js';
import type { LeasePort } from '../../model/ports.js';
import { accessOf, desiredOrFail, settingsOf } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { outputOption, regionOption, tableNameOption } from '../option-parsers.js';
import { keyFor, leasePortFor } from '../lease.js';

function withLockOptions(cmd: Command): Command {
  return cmd
    .option(
      '--lock-table <name>',
      'DynamoDB lease table [BERTH_LOCK_TABLE] (default: berth.yaml spec.lock)',
      tableNameOption,
    )
    .option(
      '--region <region>',
      'AWS region [BERTH_REGION] (default: berth.yaml spec.region, then the SDK chain)',
      regionOption,
    )
    .option('--profile <name>', 'AWS shared-config profile');
}

export function register(program: Command): void {
  const lock = program
    .command('lock')
    .description('the DynamoDB lease that lets one apply or controller at a time write the schedule group');
  withLockOptions(lock.command('init'))
    .description('create the lock table (hash key LockID, on-demand capacity) if it does not exist')
    .action(async (_flags: unknown, cmd: Command) => {
      const { port, desired } = await open(cmd);
      const region = await port.region();
      const outcome = await port.createTable();
      process.stdout.write(
        outcome === 'created'
          ? `Created lock table ${port.table} in ${region} (hash key LockID, on-demand).\n`
          : `Lock table ${port.table} already exists in ${region}.\n`,
      );
      if (!desired.lock)
        process.stdout.write(`Add it to berth.yaml:\n  spec:\n    lock:\n      table: ${port.table}\n`);
      process.exitCode = EXIT.ok;
    });
  withLockOptions(lock.command('status'))
    .description('show who holds the lease of this repository’s schedule group')
    .addOption(outputOption(['text', 'json'], 'text'))
    .action(async (flags: { output: string }, cmd: Command) => {
      const { port, desired } = await open(cmd);
      const key = await keyFor(port, desired);
      const holder = await port.read(key);
      const now = Date.now();
      if (flags.output === 'json') {
        const state = !holder ? 'free' : holder.expiresAt < now ? 'expired' : 'held';
        process.stdout.write(
          JSON.stringify(
            { kind: 'berth.lock', formatVersion: 1, table: port.table, key, state, holder: holder ?? null },
            null,
            2,
          ) + '\n',
        );
      } else {
        process.stdout.write(
          holder
            ? `Lease ${key} (table ${port.table}): ${describeHolder(holder, now)}\n`
            : `Lease ${key} (table ${port.table}): free\n`,
        );
      }
      process.exitCode = EXIT.ok;
    });
  withLockOptions(lock.command('unlock'))
    .argument('<holder>', 'the holder id `berth lock status` shows (host:pid:random)')
    .description('remove the lease of a holder that is gone (only then: a live holder keeps writing)')
    .action(async (holderId: string, _flags: unknown, cmd: Command) => {
      const { port, desired } = await open(cmd);
      const key = await keyFor(port, desired);
      if (await port.release(key, holderId)) {
        process.stdout.write(`Lease ${key} released (it was held by ${holderId}).\n`);
        process.exitCode = EXIT.ok;
        return;
      }
      const current = await port.read(key);
      throw new BerthError(
        'Conflict',
        `lease ${key} is not held by ${holderId}: ${current ? `held by ${describeHolder(current, Date.now())}` : 'it is free'}`,
        { hint: 'run `berth lock status` and pass the holder it shows' },
      );
    });
}

async function open(cmd: Command): Promise<{ port: LeasePort; desired: DesiredState }> {
  const settings = settingsOf(cmd);
  const { desired, aws } = await desiredOrFail(settings);
  const choice = chooseLease(settings.lockTable, desired.lock);
  if (choice.mode !== 'lease')
    throw new BerthError('Invalid', 'no lock table configured', {
      hint: 'set spec.lock.table in berth.yaml, BERTH_LOCK_TABLE, or --lock-table',
    });
  return {
    port: await leasePortFor(settings, choice.table, desired.region, aws.options(accessOf(desired))),
    desired,
  };
}
