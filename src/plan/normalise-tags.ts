// Tags as a map, without the keys that must never cause a new revision.
import { RECORD_TAG_KEYS, TAG, VOLATILE_TAG_KEYS } from '../model/desired.js';

/**
 * Left out of every comparison: keys other tools own (config ignoreTagKeys), keys whose value
 * moves without the content moving (the commit), the content hash (derived from the content,
 * which is compared itself), berth's applied-state record (its own bookkeeping, plan/record.ts)
 * and the `aws:` keys only AWS may set.
 */
export function tagFilter(ignoreTagKeys: readonly string[]): (key: string) => boolean {
  const ignored = new Set([...ignoreTagKeys, ...VOLATILE_TAG_KEYS, ...RECORD_TAG_KEYS, TAG.hash]);
  return (key) => !ignored.has(key) && !key.startsWith('aws:');
}

export function tagMap(
  tags:
    readonly { key?: string | undefined; value?: string | undefined }[] | Record<string, string> | undefined,
  keep: (key: string) => boolean,
): Record<string, string> {
  const entries = Array.isArray(tags)
    ? tags.map((t) => [t.key, t.value] as const)
    : Object.entries((tags ?? {}) as Record<string, string>);
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (k !== undefined && v !== undefined && v !== null && keep(k)) out[k] = v;
  return out;
}
