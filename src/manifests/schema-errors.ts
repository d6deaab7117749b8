// ajv errors → positioned diagnostics people can act on: the field, what was expected,
// what to write instead. Values are echoed only for enums (never for environment or
// secrets, whose values may be sensitive).
import type { ErrorObject } from 'ajv';
import { diagnostic } from './diagnostic.js';
import { dotted, joinPointer } from './pointer.js';
import { locate } from './positions.js';
import type { PositionIndex } from './positions.js';
import { describeField } from './schema-fields.js';
import { suggest } from './suggest.js';
import { bound, enumError, typeError } from './schema-messages.js';
import type { Diagnostic } from '../model/diagnostics.js';

type Schema = Record<string, unknown>;

export interface SchemaErrorContext {
  file: string;
  positions: PositionIndex;
  root: Schema;
  homes: Map<string, string[]>;
  job?: string | undefined;
}

interface Mapped {
  pointer: string;
  prefer: 'value' | 'field';
  message: string;
  hint?: string | undefined;
}

export function schemaDiagnostics(errors: readonly ErrorObject[], ctx: SchemaErrorContext): Diagnostic[] {
  // A wrong type makes every other complaint about the same value noise.
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  // "expresion" next to a missing "expression" is one mistake, reported once (as the typo).
  const misspelt = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => {
        const allowed = Object.keys(
          ((e.parentSchema as Schema | undefined)?.properties as Schema | undefined) ?? {},
        );
        const close = suggest(String((e.params as Record<string, unknown>).additionalProperty), allowed);
        return close === undefined ? '' : joinPointer(e.instancePath, close);
      }),
  );
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'propertyNames' || e.keyword === 'if') continue;
    if (
      e.keyword === 'required' &&
      misspelt.has(joinPointer(e.instancePath, String((e.params as Record<string, unknown>).missingProperty)))
    )
      continue;
    if (e.keyword !== 'type' && typed.has(e.instancePath) && e.propertyName === undefined) continue;
    const m = mapError(e, ctx);
    const rule = e.propertyName !== undefined ? 'schema/propertyNames' : `schema/${e.keyword}`;
    const key = `${rule}|${m.pointer}|${m.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { at } = locate(ctx.positions, m.pointer, m.prefer);
    out.push(
      diagnostic({
        severity: 'error',
        file: ctx.file,
        line: at[0],
        column: at[1],
        pointer: m.pointer,
        rule,
        message: m.message,
        hint: m.hint,
        job: ctx.job,
      }),
    );
  }
  return out;
}

function mapError(e: ErrorObject, ctx: SchemaErrorContext): Mapped {
  const at = e.instancePath;
  const p = e.params as Record<string, unknown>;
  if (e.propertyName !== undefined) return propertyNameError(e, ctx);
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownField(e, String(p.additionalProperty), ctx);
    case 'required': {
      const field = String(p.missingProperty);
      const where = at === '' ? 'the document' : dotted(at);
      return {
        pointer: joinPointer(at, field),
        prefer: 'field',
        message: `missing required field "${field}" in ${where}`,
        hint: describeField(ctx.root, e.parentSchema, field),
      };
    }
    case 'type':
      return typeError(at, String(p.type), e.data);
    case 'enum':
      return enumError(
        at,
        (p.allowedValues as unknown[]).filter((v) => v !== null),
        e.data,
      );
    case 'const':
      return { pointer: at, prefer: 'value', message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        pointer: at,
        prefer: 'value',
        message: `${name(at)} must be ${bound(String(p.comparison))} ${String(p.limit)} (got ${String(e.data)})`,
      };
    case 'minLength':
      return Number(p.limit) === 1
        ? { pointer: at, prefer: 'value', message: `${name(at)} must not be empty` }
        : {
            pointer: at,
            prefer: 'value',
            message: `${name(at)} must be at least ${String(p.limit)} characters long`,
          };
    case 'maxLength':
      return {
        pointer: at,
        prefer: 'value',
        message: `${name(at)} must be at most ${String(p.limit)} characters (it has ${lengthOf(e.data)})`,
      };
    case 'minItems':
      return {
        pointer: at,
        prefer: 'field',
        message: `${name(at)} needs at least ${String(p.limit)} item(s)`,
      };
    case 'maxItems':
      return {
        pointer: at,
        prefer: 'field',
        message: `${name(at)} may have at most ${String(p.limit)} items (it has ${countOf(e.data)})`,
      };
    case 'maxProperties':
      return {
        pointer: at,
        prefer: 'field',
        message: `${name(at)} may have at most ${String(p.limit)} entries (it has ${countOf(e.data)})`,
      };
    case 'minProperties':
      return {
        pointer: at,
        prefer: 'field',
        message: `${name(at)} needs at least ${String(p.limit)} entries`,
      };
    case 'uniqueItems':
      // ajv: i is the earlier item, j the later one (the one to point at)
      return {
        pointer: joinPointer(at, Math.max(Number(p.i), Number(p.j))),
        prefer: 'field',
        message: `${name(at)} lists the same value twice (items ${Math.min(Number(p.i), Number(p.j)) + 1} and ${Math.max(Number(p.i), Number(p.j)) + 1})`,
        hint: 'remove the duplicate',
      };
    case 'pattern':
      return {
        pointer: at,
        prefer: 'value',
        message: `${name(at)} is not in the expected form`,
        hint: examplesHint(e),
      };
    default:
      return { pointer: at, prefer: 'value', message: `${name(at)} ${e.message ?? 'is invalid'}` };
  }
}

function unknownField(e: ErrorObject, field: string, ctx: SchemaErrorContext): Mapped {
  const parent = e.parentSchema as Schema | undefined;
  const allowed = Object.keys((parent?.properties as Schema | undefined) ?? {});
  const pointer = joinPointer(e.instancePath, field);
  const close = suggest(field, allowed);
  if (close)
    return {
      pointer,
      prefer: 'field',
      message: `unknown field "${field}" — did you mean "${close}"?`,
      hint: describeField(ctx.root, parent, close),
    };
  const here = templateOf(e.instancePath);
  const homes = (ctx.homes.get(field) ?? []).filter((h) => h !== here);
  if (homes.length > 0)
    return {
      pointer,
      prefer: 'field',
      message: `unknown field "${field}" here — it belongs under ${homes.slice(0, 2).map(orRoot).join(' or ')}`,
      hint: `move it to ${homes[0] ? `${homes[0]}.${field}` : field}`,
    };
  const list = allowed.length > 14 ? `${allowed.slice(0, 14).join(', ')}, …` : allowed.join(', ');
  return {
    pointer,
    prefer: 'field',
    message: `unknown field "${truncate(field)}"`,
    hint: allowed.length > 0 ? `fields allowed in ${name(e.instancePath)}: ${list}` : undefined,
  };
}

function propertyNameError(e: ErrorObject, _ctx: SchemaErrorContext): Mapped {
  const key = e.propertyName!;
  const p = e.params as Record<string, unknown>;
  const pointer = joinPointer(e.instancePath, key);
  if (e.keyword === 'maxLength')
    return {
      pointer,
      prefer: 'field',
      message: `key "${truncate(key)}" in ${name(e.instancePath)} is longer than ${String(p.limit)} characters`,
    };
  if (e.keyword === 'minLength')
    return { pointer, prefer: 'field', message: `${name(e.instancePath)} has an empty key` };
  return {
    pointer,
    prefer: 'field',
    message: `key "${truncate(key)}" in ${name(e.instancePath)} ${e.message ?? 'is invalid'}`,
  };
}

function examplesHint(e: ErrorObject): string | undefined {
  const ex = (e.parentSchema as Schema | undefined)?.examples;
  return Array.isArray(ex) && ex.length > 0
    ? `for example ${ex
        .slice(0, 3)
        .map((x) => String(x))
        .join(', ')}`
    : undefined;
}

/** "spec.task.cpu", or "the document" for the root. */
function name(pointer: string): string {
  return pointer === '' ? 'the document' : dotted(pointer);
}

function orRoot(path: string): string {
  return path === '' ? 'the document root' : path;
}

/** "/spec/containers/0" → "spec.containers[]", to compare with fieldHomes paths. */
function templateOf(pointer: string): string {
  return dotted(pointer).replace(/\[\d+\]/g, '[]');
}

function truncate(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function lengthOf(data: unknown): number {
  return typeof data === 'string' ? Array.from(data).length : 0;
}

function countOf(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  return typeof data === 'object' && data !== null ? Object.keys(data).length : 0;
}
