// Validation shows every problem at once: when the schema fails, the parts of the document
// that are fine still get their semantic checks. The failing fields are taken out (an unknown
// field, a value of the wrong type, the object a required field is missing from) until what
// is left passes the schema; the rules then run on that. Nothing of it is ever rendered: a
// document with a schema error stays invalid.
import type { ErrorObject } from 'ajv';
import type { Validator } from './schemas.js';
import { joinPointer } from './pointer.js';

const ROUNDS = 4;

/** The document without its failing fields, schema-valid; undefined when nothing useful is left. */
export function wellFormedPart(
  value: Record<string, unknown>,
  errors: readonly ErrorObject[],
  validate: Validator,
): Record<string, unknown> | undefined {
  const doc = structuredClone(value);
  let current: readonly ErrorObject[] = errors;
  for (let round = 0; round < ROUNDS; round++) {
    for (const e of current) if (!removeAt(doc, failingPointer(e))) return undefined;
    if (validate(doc)) return doc;
    current = [...(validate.errors ?? [])];
  }
  return undefined;
}

/** The field to take out for an error: the unknown key, the bad value, or the incomplete object. */
function failingPointer(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return joinPointer(e.instancePath, String(p.additionalProperty));
  if (e.propertyName !== undefined) return joinPointer(e.instancePath, e.propertyName);
  return e.instancePath;
}

/**
 * Deletes the nearest map entry at or above `pointer` (list items are never removed, so the
 * pointers of the items after them stay right). False when that would be the document itself.
 */
function removeAt(doc: Record<string, unknown>, pointer: string): boolean {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let n = parts.length; n > 0; n--) {
    let parent: unknown = doc;
    for (const part of parts.slice(0, n - 1)) {
      parent =
        isRecord(parent) || Array.isArray(parent) ? (parent as Record<string, unknown>)[part] : undefined;
    }
    const key = parts[n - 1]!;
    if (isRecord(parent)) {
      if (n <= 1 && ['apiVersion', 'kind', 'metadata', 'spec'].includes(key)) return false;
      delete parent[key];
      return true;
    }
    if (parent === undefined) return true; // already removed with an ancestor
  }
  return false;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
