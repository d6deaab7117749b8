// Field-level diff of two normalised values: one FieldChange per differing leaf, addressed by
// a JSON pointer. Maps (containers, env, tags, overrides) are walked key by key, so an added
// container lists its fields and a changed variable is named; lists are compared whole.
import type { FieldChange } from '../model/plan.js';
import { containsSecretShape } from '../desired/secret-shapes.js';
import { deepEqual, isObject } from './json.js';

/** True when the value at these pointer segments must be masked. */
export type SensitivePredicate = (segments: readonly string[]) => boolean;

export function diffValues(
  before: unknown,
  after: unknown,
  isSensitive: SensitivePredicate = () => false,
  segments: readonly string[] = [],
): FieldChange[] {
  if (deepEqual(before, after)) return [];
  const walk = (before === undefined || isObject(before)) && (after === undefined || isObject(after));
  if (walk) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    return keys.flatMap((k) => diffValues(b[k], a[k], isSensitive, [...segments, k]));
  }
  const change: FieldChange = { path: toPointer(segments) };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  if (holdsSensitive(before, segments, isSensitive) || holdsSensitive(after, segments, isSensitive))
    change.sensitive = true;
  return [change];
}

/**
 * A value is sensitive when it sits at, or contains, a sensitive location, or when any string in
 * it is shaped like a secret (a command with --db-password=…, an AKIA… key under any name).
 */
function holdsSensitive(v: unknown, segments: readonly string[], isSensitive: SensitivePredicate): boolean {
  if (isSensitive(segments) || containsSecretShape(v)) return true;
  return isObject(v) && Object.entries(v).some(([k, x]) => holdsSensitive(x, [...segments, k], isSensitive));
}

/** RFC 6901: "~" → "~0", "/" → "~1". */
export function toPointer(segments: readonly string[]): string {
  return segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
