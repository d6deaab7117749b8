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
  if (Array.isArray(v)) {
    const items = v.map(compact).filter((x) => x !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort()) {
      const c = compact(v[k]);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return v;
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
