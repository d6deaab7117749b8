// Generators of broken and hostile manifest text: token soup built from every YAML feature
// (anchors, aliases, tags, directives, flow and block collections, block scalars, explicit
// keys), deep nesting, huge scalars, duplicate keys, BOMs, NULs, lone surrogates, stray
// line breaks and bytes that are not UTF-8.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { TOKENS } from './yaml-tokens.js';

export const token = fc.constantFrom(...TOKENS);
export const smallText = fc.string({ unit: 'binary', maxLength: 12 });

/** Deeply nested collections: flow brackets, block sequences, block maps, explicit keys. */
const nesting = fc
  .tuple(
    fc.integer({ min: 1, max: 300 }),
    fc.constantFrom('flow-seq', 'flow-map', 'block-seq', 'block-map', 'keys', 'inline-seq'),
  )
  .map(([n, kind]) => {
    switch (kind) {
      case 'flow-seq':
        return `${'['.repeat(n)}x${']'.repeat(n)}`;
      case 'flow-map':
        return `${'{a: '.repeat(n)}x${'}'.repeat(n)}`;
      case 'block-seq':
        return Array.from({ length: n }, (_, i) => `${' '.repeat(i)}-`).join('\n');
      case 'block-map':
        return Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
      case 'keys':
        return `${'? '.repeat(n)}x`;
      default:
        return `${'- '.repeat(n)}x`;
    }
  });

/** Scalars from 1 KiB to 128 KiB (the file limit is 1 MiB; hostile.test.ts has the 2 MiB case). */
const huge = fc
  .tuple(
    fc.constantFrom('x', 'ab ', '"', "'", '\\', 'é', '[', '#', ': '),
    fc.integer({ min: 1_000, max: 128_000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

const duplicates = fc
  .tuple(fc.constantFrom('a', 'spec', 'metadata', 'name', ''), fc.integer({ min: 2, max: 2000 }))
  .map(([key, n]) => Array.from({ length: n }, (_, i) => `${key}: ${i}`).join('\n'));

const aliasBomb = fc.integer({ min: 2, max: 12 }).map((levels) => {
  let s = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < levels; i++)
    s += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return s;
});

/** Token soup with the occasional structure bomb in it. */
export const yamlish: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 20, arbitrary: token },
      { weight: 4, arbitrary: smallText },
      { weight: 1, arbitrary: nesting },
      { weight: 1, arbitrary: duplicates },
      { weight: 1, arbitrary: aliasBomb },
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

export const hugeText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', 'apiVersion: berth/v1\nkind: Job\nmetadata: {name: h}\nspec:\n  image: '),
    huge,
    yamlish,
  )
  .map(([head, body, tail]) => `${head}${body}\n${tail}`);

/** Any string at all, lone surrogates included. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('\uD800', '\uDC00', '\u0000', '\r', '\n'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 200,
  }),
);

const BOMS = [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x00, 0x00, 0xfe, 0xff], []];

/** Bytes: arbitrary, or text with BOMs, invalid UTF-8 sequences and NULs spliced in. */
export const anyBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc
    .tuple(
      fc.constantFrom(...BOMS),
      yamlish,
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom(
            [0xc3, 0x28],
            [0xff],
            [0xed, 0xa0, 0x80],
            [0xf4, 0x90, 0x80, 0x80],
            [0xc0, 0xaf],
            [0x00],
            [0xe2, 0x82],
          ),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([bom, text, splices]) => {
      const bytes = [...bom, ...new TextEncoder().encode(text)];
      for (const [at, seq] of splices) bytes.splice(bytes.length === 0 ? 0 : at % bytes.length, 0, ...seq);
      return new Uint8Array(bytes);
    }),
);

/** Any JSON value, alone or where a manifest's spec would be, written as JSON or as YAML. */
export const jsonDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.jsonValue({ maxDepth: 6 }),
    fc.constantFrom('bare', 'job', 'config'),
    fc.constantFrom('json', 'yaml', 'yaml-flow'),
  )
  .map(([value, where, style]) => {
    const doc =
      where === 'job'
        ? { apiVersion: 'berth/v1', kind: 'Job', metadata: { name: 'fuzz' }, spec: value }
        : where === 'config'
          ? { apiVersion: 'berth/v1', kind: 'Config', metadata: { name: 'fuzz' }, spec: value }
          : value;
    if (style === 'json') return JSON.stringify(doc);
    return stringify(doc, style === 'yaml-flow' ? { collectionStyle: 'flow' } : {});
  });
