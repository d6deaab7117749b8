// Strict parsers for command-line options: a bad value stops the command while commander
// parses its arguments, before a repository is read or AWS is called, with one line that names
// the option ("berth: option '--concurrency <n>' argument 'abc' is invalid. …").
import { InvalidArgumentError, Option } from 'commander';
import { REGION_NAME, strictInt } from '../config/env-values.js';

/** -o/--output restricted to `formats` (commander answers "Allowed choices are …" otherwise). */
export function outputOption(formats: readonly string[], fallback: string, description?: string): Option {
  return new Option('-o, --output <format>', description ?? formats.join(' | '))
    .choices(formats)
    .default(fallback);
}

/** An argParser for counts such as --concurrency: a whole number from min to max. */
export function intOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = strictInt(value, min, max);
    if (n === undefined) throw new InvalidArgumentError(`It must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

/** AWS account ids are exactly twelve digits (leading zeros included). */
export const ACCOUNT_ID = /^\d{12}$/;

export function accountIdOption(value: string): string {
  if (!ACCOUNT_ID.test(value)) throw new InvalidArgumentError('It must be a 12-digit AWS account id.');
  return value;
}

export function regionOption(value: string): string {
  if (!REGION_NAME.test(value))
    throw new InvalidArgumentError('It is not an AWS region name (e.g. us-east-1).');
  return value;
}

/** A DynamoDB table name (3–255 of letters, digits, _ . -), as in berth.yaml spec.lock.table. */
export const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const TABLE_ARN =
  /^arn:aws(?:-[a-z]+)*:dynamodb:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/;

export function tableNameOption(value: string): string {
  if (!TABLE_NAME.test(value))
    throw new InvalidArgumentError('It is not a DynamoDB table name (3-255 letters, digits, _ . -).');
  return value;
}

export function tableNameOrArnOption(value: string): string {
  if (!TABLE_NAME.test(value) && !TABLE_ARN.test(value))
    throw new InvalidArgumentError(
      'It is neither a DynamoDB table name nor a table ARN (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME).',
    );
  return value;
}
