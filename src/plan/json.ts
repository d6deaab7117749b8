// Plain-JSON helpers every normaliser shares: what "absent" means, canonical order, equality.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/**
 * null ≡ absent, [] ≡ absent, {} ≡ absent at any depth (AWS and moto fill in empty
 * defaults the input never had). Object keys come out sorted, so output is canonical.
 */
export function compact(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object') return v;
  // Written as loops: the planner compacts every description it compares, so at 1,000 jobs the
  // intermediate arrays of map/filter were a tenth of a warm plan's CPU.
  if (Array.isArray(v)) {
    let items: unknown[] | undefined;
    for (const x of v) {
      const c = compact(x);
      if (c !== undefined) (items ??= []).push(c);
    }
    return items;
  }
  if (!isObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length > 1) keys.sort();
  let out: JsonObject | undefined;
  for (const k of keys) {
    const c = compact(v[k]);
    if (c !== undefined) (out ??= {})[k] = c;
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * An order-insensitive list: items normalised, then sorted by their JSON text (item
 * normalisers return compacted values, whose keys are already in canonical order).
 */
export function unordered<T>(
  list: readonly T[] | null | undefined,
  item: (x: T) => unknown = compact,
): unknown[] | undefined {
  if (!list) return undefined;
  return list
    .map(item)
    .filter((x) => x !== undefined)
    .map((x) => ({ x, key: JSON.stringify(x) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ x }) => x);
}

/** A list of named entries as a map keyed by name (containers, env vars, secrets, overrides). */
export function byName<T extends { name?: string | null }>(
  list: readonly T[] | null | undefined,
  value: (entry: T) => unknown,
): JsonObject | undefined {
  if (!list) return undefined;
  const out: JsonObject = {};
  for (const entry of list) {
    if (entry?.name === undefined || entry.name === null) continue;
    const v = value(entry);
    if (v !== undefined && v !== null) out[entry.name] = v;
  }
  return out;
}

/** '' and null are "not set" for AWS string fields (moto clears State to null on update). */
export function str(v: string | null | undefined): string | undefined {
  return v === null || v === undefined || v === '' ? undefined : v;
}
