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
  rule: 'yaml/alias' | 'yaml/duplicate-key' | 'yaml/complex-key' | 'yaml/too-deep';
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
} {
  const index: PositionIndex = { fields: new Map([['', start]]), scalars: new Map() };
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
        const name = key === null || key.value === null ? '' : String(key.value);
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
  return { index, problems };
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
