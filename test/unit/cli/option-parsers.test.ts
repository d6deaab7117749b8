// Strict option values: commander refuses them while parsing, before any command runs.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  accountIdOption,
  intOption,
  outputOption,
  regionOption,
  tableNameOption,
  tableNameOrArnOption,
} from '../../../src/cli/option-parsers.js';
import { strictInt } from '../../../src/config/env-values.js';

function parse(
  build: (c: Command) => Command,
  argv: string[],
): { opts?: Record<string, unknown>; error?: string } {
  let error = '';
  const cmd = build(new Command('t'))
    .exitOverride()
    .configureOutput({ writeErr: (s) => (error += s), writeOut: () => {} })
    .action(() => {});
  try {
    cmd.parse(argv, { from: 'user' });
    return { opts: cmd.opts() };
  } catch {
    return { error };
  }
}

describe('strictInt', () => {
  it('takes only plain whole numbers in range', () => {
    expect(strictInt('4', 1, 100)).toBe(4);
    expect(strictInt('100', 1, 100)).toBe(100);
    for (const bad of [
      '',
      ' 4',
      '4 ',
      '+4',
      '-3',
      '0',
      '101',
      '4.0',
      '1e2',
      '0x10',
      'abc',
      '4x',
      '٤',
      '99999999999',
    ])
      expect(strictInt(bad, 1, 100), JSON.stringify(bad)).toBeUndefined();
  });
});

describe('option parsers', () => {
  const withAll = (c: Command) =>
    c
      .addOption(outputOption(['text', 'json'], 'text'))
      .option('--concurrency <n>', '', intOption(1, 100))
      .option('--account-id <id>', '', accountIdOption)
      .option('--region <r>', '', regionOption)
      .option('--lock-table <t>', '', tableNameOption)
      .option('--table <t>', '', tableNameOrArnOption);

  it('accepts good values and converts counts to numbers', () => {
    const r = parse(withAll, [
      '-o',
      'json',
      '--concurrency',
      '8',
      '--account-id',
      '012345678901',
      '--region',
      'us-gov-west-1',
      '--lock-table',
      'berth-locks',
      '--table',
      'arn:aws:dynamodb:eu-west-1:123456789012:table/berth-locks',
    ]);
    expect(r.opts).toEqual({
      output: 'json',
      concurrency: 8,
      accountId: '012345678901',
      region: 'us-gov-west-1',
      lockTable: 'berth-locks',
      table: 'arn:aws:dynamodb:eu-west-1:123456789012:table/berth-locks',
    });
  });

  it.each([
    [['-o', 'yaml'], /argument 'yaml' is invalid. Allowed choices are text, json/],
    [['-o', 'table'], /Allowed choices/],
    [
      ['--concurrency', 'abc'],
      /'--concurrency <n>' argument 'abc' is invalid. It must be a whole number from 1 to 100/,
    ],
    [['--concurrency', '-3'], /argument '-3' is invalid/],
    [['--concurrency', '0'], /argument '0' is invalid/],
    [['--account-id', 'abc'], /12-digit AWS account id/],
    [['--account-id', '12345678901'], /12-digit/],
    [['--region', 'EU-WEST-1'], /not an AWS region name/],
    [['--region', 'eu-west-1 '], /not an AWS region name/],
    [['--lock-table', 'arn:aws:s3:::x'], /not a DynamoDB table name/],
    [['--lock-table', 'ab'], /not a DynamoDB table name/],
    [['--table', 'arn:aws:s3:::x'], /neither a DynamoDB table name nor a table ARN/],
    [['--table', 'arn:aws:dynamodb:us-east-1:123:table/x1y'], /neither/],
  ])('refuses %j', (argv, message) => {
    const r = parse(withAll, argv);
    expect(r.opts).toBeUndefined();
    expect(r.error).toMatch(message);
  });
});
