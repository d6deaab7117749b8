// Mutations of valid manifests: structural (drop, retype, rename, null or duplicate a field)
// and textual (insert a token, delete a slice, swap or re-indent lines, flip a character).
import fc from 'fast-check';
import { stringify } from 'yaml';
import { smallText, token } from './hostile-text.js';

type Json = unknown;

function paths(
  value: Json,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function edit(
  root: Json,
  path: (string | number)[],
  fn: (parent: Record<string | number, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(root) as Record<string | number, Json>;
  if (path.length === 0) return copy;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  fn(parent, path.at(-1)!);
  return copy;
}

/** Structural mutations of a valid document: drop, retype, rename or duplicate a field. */
export function mutateDocument(doc: Json): fc.Arbitrary<string> {
  const all = paths(doc).filter((p) => p.length > 0);
  if (all.length === 0) return fc.constant(stringify(doc));
  return fc
    .tuple(
      fc.constantFrom(...all),
      fc.constantFrom('drop', 'retype', 'rename', 'duplicate', 'nullify'),
      fc.jsonValue({ maxDepth: 3 }),
      smallText,
    )
    .map(([path, op, value, name]) => {
      if (op === 'duplicate') {
        // A duplicate key is only expressible in text: repeat the line that holds it.
        const text = stringify(doc);
        const key = String(path.at(-1));
        const lines = text.split('\n');
        const i = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
        if (i >= 0) lines.splice(i + 1, 0, lines[i]!);
        return lines.join('\n');
      }
      const mutated = edit(doc, path, (parent, key) => {
        if (op === 'drop') {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
        } else if (op === 'retype') parent[key] = value;
        else if (op === 'nullify') parent[key] = null;
        else if (!Array.isArray(parent)) {
          parent[name] = parent[key];
          delete parent[key];
        }
      });
      return stringify(mutated);
    });
}

/** Text mutations: insert a token, delete a slice, swap or re-indent lines, flip a character. */
export function mutateText(text: string): fc.Arbitrary<string> {
  const op = fc.oneof(
    fc.tuple(fc.constant('insert' as const), fc.nat(), token),
    fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 40 })),
    fc.tuple(fc.constant('swap' as const), fc.nat(), fc.nat()),
    fc.tuple(fc.constant('indent' as const), fc.nat(), fc.integer({ min: -4, max: 4 })),
    fc.tuple(
      fc.constant('char' as const),
      fc.nat(),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
  );
  return fc.array(op, { minLength: 1, maxLength: 5 }).map((ops) => {
    let s = text;
    for (const [kind, a, b] of ops) {
      const at = s.length === 0 ? 0 : a % s.length;
      if (kind === 'insert') s = s.slice(0, at) + (b as string) + s.slice(at);
      else if (kind === 'delete') s = s.slice(0, at) + s.slice(at + (b as number));
      else if (kind === 'char') s = s.slice(0, at) + (b as string) + s.slice(at + 1);
      else {
        const lines = s.split('\n');
        const i = a % lines.length;
        if (kind === 'swap') {
          const j = (b as number) % lines.length;
          [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        } else {
          const n = b as number;
          lines[i] = n >= 0 ? ' '.repeat(n) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-n}}`), '');
        }
        s = lines.join('\n');
      }
    }
    return s;
  });
}
