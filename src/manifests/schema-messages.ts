// Wording for schema errors about values: what was expected, what was found, what to write.
// Values themselves are only shown for enums (never for environment or secrets).
import { dotted } from './pointer.js';
import { suggest } from './suggest.js';

export interface ValueMessage {
  pointer: string;
  prefer: 'value' | 'field';
  message: string;
  hint?: string | undefined;
}

/** "spec.task.cpu", or "the document" for the root. */
export function fieldName(pointer: string): string {
  return pointer === '' ? 'the document' : dotted(pointer);
}

function truncate(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'a boolean (true or false)',
  object: 'a map of fields',
  array: 'a list',
  null: 'null',
};

export function typeError(pointer: string, types: string, data: unknown): ValueMessage {
  const wanted = types.split(',').filter((t) => t !== 'null');
  // 1e400, .inf and .nan are numbers to YAML, but no number JSON (or AWS) can hold.
  if (
    typeof data === 'number' &&
    !Number.isFinite(data) &&
    wanted.some((t) => t === 'number' || t === 'integer')
  )
    return {
      pointer,
      prefer: 'value',
      message: Number.isNaN(data)
        ? `${fieldName(pointer)} is .nan, which YAML reads as "not a number"`
        : `${fieldName(pointer)} is ${data > 0 ? '' : 'minus '}infinity to YAML (a number too large, or .inf)`,
      hint: `write a finite number${wanted.includes('string') ? ', or put the value in quotes if it is text' : ''}`,
    };
  const words = wanted.map((t) => TYPE_WORDS[t] ?? t);
  const expected =
    words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? types);
  const got = describe(data);
  return {
    pointer,
    prefer: 'value',
    message: `${fieldName(pointer)} must be ${expected}, not ${got}`,
    hint: typeHint(wanted, data),
  };
}

function typeHint(wanted: string[], data: unknown): string | undefined {
  if (data === null)
    return wanted.includes('string')
      ? 'an empty value is null in YAML; write "" for an empty string, or remove the line'
      : 'the value is empty; fill it in or remove the line';
  if (wanted.includes('string') && (typeof data === 'number' || typeof data === 'boolean'))
    return 'put the value in quotes to make it a string';
  if (wanted.includes('array') && typeof data === 'string')
    return 'write a list: [a, b] or one "- item" per line';
  if (wanted.includes('integer') && typeof data === 'number') return 'use a whole number';
  if ((wanted.includes('number') || wanted.includes('integer')) && typeof data === 'string')
    return 'write the number without quotes';
  return undefined;
}

export function enumError(pointer: string, allowed: unknown[], data: unknown): ValueMessage {
  const list = allowed.map((v) => String(v));
  const close = typeof data === 'string' ? suggest(data, list) : undefined;
  const shown = typeof data === 'string' ? `"${truncate(data)}"` : describe(data);
  return {
    pointer,
    prefer: 'value',
    message: `${fieldName(pointer)} is ${shown}; expected one of ${list.join(', ')}${close ? ` — did you mean "${close}"?` : ''}`,
  };
}

export function describe(data: unknown): string {
  if (data === null) return 'empty (null)';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a map';
  if (typeof data === 'number') return Number.isInteger(data) ? 'a whole number' : 'a number';
  if (typeof data === 'boolean') return 'a boolean';
  return `a ${typeof data}`;
}

export function bound(comparison: string): string {
  return { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' }[comparison] ?? comparison;
}
