// The inverse of the merge rule (manifests/merge.ts): the smallest override that, merged over
// the repository default, gives the wanted value. Maps recurse key by key, lists and scalars
// replace, and a default the live resource does not have is removed with null.
import { deepEqual, isObject } from '../plan/json.js';

/** undefined: write nothing (the default already says it). */
export function minimalOverride(wanted: unknown, base: unknown): unknown {
  if (deepEqual(wanted, base)) return undefined;
  if (wanted === undefined) return null;
  if (isObject(wanted) && isObject(base)) {
    const out: Record<string, unknown> = {};
    for (const k of [...new Set([...Object.keys(wanted), ...Object.keys(base)])]) {
      const m = minimalOverride(wanted[k], base[k]);
      if (m !== undefined) out[k] = m;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return wanted;
}

/** Only the defined members, so "absent" and "undefined" compare equal. */
export function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export const sortedList = (list: readonly string[] | undefined) =>
  list && list.length > 0 ? [...list].sort() : undefined;

export function mapOf<T extends { name?: string; value?: string; valueFrom?: string }>(
  list: readonly T[] | undefined,
  pick: (entry: T) => string | undefined,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const e of list ?? []) {
    const v = pick(e);
    if (e.name !== undefined && v !== undefined && v !== null) out[e.name] = v;
  }
  return Object.keys(out).length > 0 ? sortedKeys(out) : undefined;
}

/** Keys in code-point order: a manifest does not depend on the order AWS lists things in. */
export function sortedKeys<V>(rec: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(rec).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
