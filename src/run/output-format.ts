// --output of run and backfill.
import { BerthError } from '../model/errors.js';

export type OutputFormat = 'text' | 'json';

export function outputFormat(value: string): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new BerthError('Invalid', `unknown output format "${value}"`, {
    hint: 'use --output text or --output json',
  });
}
