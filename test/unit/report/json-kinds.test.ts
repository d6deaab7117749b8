// Every kind berth writes is in JSON_KINDS and documented in docs/json-output.md: a command whose
// -o json names a kind the contract does not know is caught here, without running the command.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_KINDS } from '../../../src/report/json-envelope.js';
import { renderDiffsJson } from '../../../src/report/desired-diff.js';
import type { Review } from '../../../src/model/review.js';

const ROOT = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'generated'
        ? []
        : sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

/** Kinds written in src/: `kind: 'berth.x'`, `…_JSON_KIND = 'berth.x'`, `jsonDocument('berth.x'`. */
function kindsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /(?:kind: |_JSON_KIND(?:: JsonKind)? = |(?:jsonDocument|envelope)\()['"](berth\.[\w.-]+)['"]/g,
    ))
      found.set(m[1]!, path.relative(ROOT, file));
  }
  return found;
}

describe('JSON kinds', () => {
  it('every kind written in src/ is in JSON_KINDS', () => {
    const found = kindsInSource();
    // The scan finds the kinds it must (a regex that matches nothing would pass vacuously).
    expect([...found.keys()]).toEqual(
      expect.arrayContaining(['berth.plan', 'berth.set-image', 'berth.diff.environments', 'berth.runs']),
    );
    for (const [kind, file] of found) expect(JSON_KINDS, `${kind} in ${file}`).toContain(kind);
  });

  it('every kind in JSON_KINDS has a row in docs/json-output.md', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/json-output.md'), 'utf8');
    for (const kind of JSON_KINDS) expect(doc, kind).toContain(`| \`${kind}\` |`);
  });

  it('a diff of several environments is one berth.diff.environments document', () => {
    const side = { label: 'main', valid: true, errors: 0, noConfig: false };
    const review = (environment: string) =>
      ({ base: side, head: side, environment, diff: undefined }) as unknown as Review;
    const doc = JSON.parse(renderDiffsJson([review('dev'), review('prod')])) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 2)).toEqual(['kind', 'formatVersion']);
    expect(doc.kind).toBe('berth.diff.environments');
    expect(JSON_KINDS).toContain(doc.kind);
    expect((doc.environments as { kind: string }[]).map((e) => e.kind)).toEqual(['berth.diff', 'berth.diff']);
  });
});
