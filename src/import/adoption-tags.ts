// The tags that make an existing revision berth's without registering a new one: exactly the
// tags berth would have registered it with. The content hash only when the content is equal,
// so a revision that still differs from git shows as "manifest changed", not as drift.
import type { LiveTaskDefinitionDescription } from '../model/aws-types.js';
import { TAG, VOLATILE_TAG_KEYS, type DesiredJob } from '../model/desired.js';
import { deepEqual } from '../plan/json.js';
import { normaliseTaskDefinition } from '../plan/normalise-task-definition.js';

export function adoptionTags(
  desired: DesiredJob,
  live: LiveTaskDefinitionDescription,
): { tags: Record<string, string>; exact: boolean } {
  const noTags = () => false;
  const exact = deepEqual(
    normaliseTaskDefinition({ ...live, tags: undefined }, noTags),
    normaliseTaskDefinition({ ...desired.taskDefinition, tags: undefined }, noTags),
  );
  const all = new Map<string, string>();
  for (const t of desired.taskDefinition.tags ?? []) {
    if (!t.key || t.value === undefined || VOLATILE_TAG_KEYS.includes(t.key)) continue;
    if (t.key === TAG.hash && !exact) continue;
    all.set(t.key, t.value);
  }
  // berth's own keys first, in the order people read them; the job's own tags after.
  const berth: string[] = [TAG.managedBy, TAG.owner, TAG.job, TAG.hash];
  const keys = [...berth.filter((k) => all.has(k)), ...[...all.keys()].filter((k) => !berth.includes(k))];
  return { tags: Object.fromEntries(keys.map((k) => [k, all.get(k)!])), exact };
}
