// AWS tag rules (ECS and Scheduler share them) plus berth's own: the berth: prefix is
// reserved for the ownership tags berth writes itself (TAG in src/model/desired.ts).
import { TAG } from '../../model/desired.js';
import { joinPointer } from '../pointer.js';
import { atKey, error } from './finding.js';
import type { Finding } from './finding.js';

export const TAG_LIMIT = 50;
/** Ownership tags berth adds to every task definition (managed-by, owner, job, hash, commit). */
export const BERTH_TASK_TAGS = Object.keys(TAG).length;
/** Ownership tags on the schedule group (managed-by, owner). */
export const BERTH_GROUP_TAGS = 2;

const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function checkTags(tags: Record<string, string | null> | undefined, pointer: string): Finding[] {
  const out: Finding[] = [];
  for (const [key, value] of Object.entries(tags ?? {})) {
    const at = joinPointer(pointer, key);
    if (/^aws:/i.test(key))
      out.push(
        atKey(
          error(
            'tags/reserved-prefix',
            at,
            `tag key "${key}" starts with aws:, which AWS reserves`,
            'choose another key',
          ),
        ),
      );
    else if (key.startsWith('berth:'))
      out.push(
        atKey(
          error(
            'tags/reserved-prefix',
            at,
            `tag key "${key}" starts with berth:, which berth reserves for its ownership tags`,
            'choose another key',
          ),
        ),
      );
    if (!ALLOWED.test(key))
      out.push(
        atKey(
          error(
            'tags/characters',
            at,
            `tag key "${key.slice(0, 60)}" has characters AWS does not allow`,
            'letters, digits, spaces and _ . : / = + - @',
          ),
        ),
      );
    if (typeof value === 'string' && !ALLOWED.test(value))
      out.push(
        error(
          'tags/characters',
          at,
          `the value of tag "${key}" has characters AWS does not allow`,
          'letters, digits, spaces and _ . : / = + - @',
        ),
      );
  }
  return out;
}

export function tagCount(
  tags: Record<string, unknown> | undefined,
  pointer: string,
  reserved: number,
  what: string,
): Finding[] {
  const n = Object.keys(tags ?? {}).length;
  if (n + reserved <= TAG_LIMIT) return [];
  return [
    error(
      'tags/count',
      pointer,
      `${what} would carry ${n + reserved} tags (${n} of yours + ${reserved} of berth's); AWS allows ${TAG_LIMIT}`,
      `keep at most ${TAG_LIMIT - reserved} tags (repository spec.tags and the job's spec.tags together)`,
    ),
  ];
}
