// Where each field of a YAML document is: JSON pointer → [line, column], found by walking
// the YAML syntax tree once. The same walk rejects what the tree may not contain
// (aliases, duplicate or non-scalar keys, runaway nesting) without ever expanding it.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { LineCounter, Node } from 'yaml';
import { MAX_DEPTH } from './limits.js';
import { joinPointer } from './pointer.js';

export type Position = [line: number, column: number];

export interface PositionIndex {
  /** Where each field starts: the key of a map entry, the item of a list, the document. */
  fields: Map<string, Position>;
  /** Where each scalar value starts (the thing a type or format error is about). */
  scalars: Map<string, Position>;
}

export interface TreeProblem {
  rule:
    | 'yaml/alias'
    | 'yaml/duplicate-key'
    | 'yaml/complex-key'
    | 'yaml/too-deep'
    | 'yaml/unknown-tag'
    | 'yaml/null-key';
  pointer: string;
  at: Position;
  message: string;
  hint: string;
}

export function indexTree(
  root: Node | null,
  lc: LineCounter,
  start: Position,
): {
  index: PositionIndex;
  problems: TreeProblem[];
  /** The text as written of plain scalars YAML read as something other than a string (01234, 1.10, True). */
  written: Map<string, string>;
} {
  const index: PositionIndex = { fields: new Map([['', start]]), scalars: new Map() };
  const written = new Map<string, string>();
  const problems: TreeProblem[] = [];
  let aliases = 0;
  const pos = (offset: number | undefined): Position => {
    const p = lc.linePos(offset ?? 0);
    return [p.line, p.col];
  };

  // `record` false: a duplicate key's value, searched for problems but not indexed.
  const walk = (node: unknown, pointer: string, depth: number, record = true): void => {
    if (depth > MAX_DEPTH) {
      problems.push({
        rule: 'yaml/too-deep',
        pointer,
        at: pos((node as Node).range?.[0]),
        message: `nesting deeper than ${MAX_DEPTH} levels`,
        hint: 'a manifest needs only a few levels; this looks generated or corrupted',
      });
      return;
    }
    if (isAlias(node)) {
      // One is enough to reject the document; a bomb has thousands.
      if (aliases++ > 0) return;
      problems.push({
        rule: 'yaml/alias',
        pointer,
        at: pos(node.range?.[0]),
        message: `YAML alias *${node.source} is not supported`,
        hint: 'write the value out, or move shared settings to spec.defaults in berth.yaml',
      });
      return;
    }
    if (isScalar(node)) {
      const r = node.range;
      if (r && record) index.scalars.set(pointer, pos(r[0]));
      if (isLibraryTag(node.tag)) {
        problems.push({
          rule: 'yaml/unknown-tag',
          pointer,
          at: pos(r?.[0]),
          message: `the YAML tag ${shortTag(node.tag)} is not supported`,
          hint: 'berth manifests are plain YAML: remove the tag (put text in quotes)',
        });
        return;
      }
      if (record && typeof node.value !== 'string' && node.value !== null && typeof node.source === 'string')
        written.set(pointer, node.source);
      return;
    }
    if ((isSeq(node) || isMap(node)) && isLibraryTag(node.tag)) {
      problems.push({
        rule: 'yaml/unknown-tag',
        pointer,
        at: pos(node.range?.[0]),
        message: `the YAML tag ${shortTag(node.tag)} is not supported`,
        hint: 'berth manifests are plain YAML: remove the tag',
      });
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = joinPointer(pointer, i);
        const r = (item as Node | null)?.range;
        if (r && record) index.fields.set(p, pos(r[0]));
        walk(item, p, depth + 1, record);
      });
      return;
    }
    if (isMap(node)) {
      const seen = new Map<string, Position>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        if (key !== null && !isScalar(key)) {
          problems.push({
            rule: isAlias(key) ? 'yaml/alias' : 'yaml/complex-key',
            pointer,
            at: pos(key.range?.[0]),
            message: isAlias(key)
              ? 'YAML aliases are not supported'
              : 'a key must be a plain value, not a list or map',
            hint: 'use a string key',
          });
          continue;
        }
        // `null:`, `~:` or `: x` is a key YAML reads as null, not the word "null".
        if (key === null || key.value === null) {
          const text = key === null || !key.source ? 'an empty key' : `the key ${key.source}`;
          problems.push({
            rule: 'yaml/null-key',
            pointer,
            at: pos(key?.range?.[0] ?? (pair.value as Node | null)?.range?.[0]),
            message: `${text} is read as null, not as a name`,
            hint: key?.source
              ? `write the name in quotes ("${key.source}":) if it is meant as a name`
              : 'write the key',
          });
          continue;
        }
        const name = String(key.value);
        const p = joinPointer(pointer, name);
        const at = pos(key?.range?.[0] ?? (pair.value as Node | null)?.range?.[0]);
        const first = seen.get(name);
        if (first) {
          problems.push({
            rule: 'yaml/duplicate-key',
            pointer: p,
            at,
            message: `duplicate key "${name}" (first at line ${first[0]})`,
            hint: 'YAML keys must be unique in a map; remove or merge one of them',
          });
          // Its value is converted too (the last definition wins), so it must be as safe.
          walk(pair.value, p, depth + 1, false);
          continue;
        }
        seen.set(name, at);
        if (record) index.fields.set(p, at);
        walk(pair.value, p, depth + 1, record);
      }
    }
  };
  walk(root, '', 0);
  const first = problems.find((p) => p.rule === 'yaml/alias');
  if (first && aliases > 1) first.message += ` (nor are the ${aliases - 1} other aliases in this document)`;
  return { index, problems, written };
}

/** The YAML 1.2 core schema's own tags: writing them out changes nothing. */
const PLAIN_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

/**
 * !!binary, !!timestamp, !!set, …: tags the YAML library knows and would turn into a Buffer, a
 * Date or a Set. Custom tags (!foo) are reported by the library itself (TAG_RESOLVE_FAILED).
 */
function isLibraryTag(tag: string | undefined): tag is string {
  return tag !== undefined && tag.startsWith('tag:yaml.org,2002:') && !PLAIN_TAGS.has(tag);
}

/** tag:yaml.org,2002:binary → !!binary; anything else as written (cut short). */
function shortTag(tag: string): string {
  const t = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/** The pointer itself if it has a position, else its nearest ancestor that has one. */
export function locate(
  index: PositionIndex,
  pointer: string,
  prefer: 'value' | 'field' = 'value',
): { at: Position; exact: boolean } {
  if (prefer === 'value') {
    const v = index.scalars.get(pointer);
    if (v) return { at: v, exact: true };
  }
  for (let p = pointer; ; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
    const at = index.fields.get(p);
    if (at) return { at, exact: p === pointer };
    if (p === '') return { at: [1, 1], exact: false };
  }
}
