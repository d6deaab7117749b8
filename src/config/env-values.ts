// Strict readings of BERTH_* variables (and the same rules for flags, in cli/option-parsers.ts):
// a value that looks almost right ("4x", "-3", "1e3", " 4") is refused with a message naming the
// variable, never rounded or replaced by the default without a word.
import { BerthError } from '../model/errors.js';

/** Whole decimal digits only, no sign, no exponent, no spaces: what a count is written as. */
const WHOLE = /^[0-9]{1,9}$/;

/** `text` as a whole number in [min, max], or undefined when it is not one. */
export function strictInt(text: string, min: number, max: number): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/** A count from the environment: undefined when unset or empty, else a whole number in range. */
export function envInt(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = strictInt(value, min, max);
  if (n === undefined)
    throw new BerthError('Invalid', `${name}=${quoted(value)} is not a whole number from ${min} to ${max}`, {
      hint: `unset ${name}, or set it to a number such as ${Math.min(max, Math.max(min, 4))}`,
    });
  return n;
}

/** us-east-1, eu-west-1, us-gov-west-1, cn-north-1, ap-southeast-4, … */
export const REGION_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** A region from the environment (BERTH_REGION), held to the same rule as --region. */
export function envRegion(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!REGION_NAME.test(value))
    throw new BerthError('Invalid', `${name}=${quoted(value)} is not an AWS region name`, {
      hint: 'e.g. us-east-1',
    });
  return value;
}

/** A value quoted for a message: JSON escapes keep control characters off the terminal. */
export function quoted(value: string, max = 60): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
