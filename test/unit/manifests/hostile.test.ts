// Hostile input: validation never throws, never hangs, and says what is wrong.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDocuments } from '../../../src/manifests/validate.js';
import type { LoadResult } from '../../../src/model/diagnostics.js';

function run(content: string | Uint8Array): { result: LoadResult; ms: number } {
  const t = performance.now();
  const result = validateDocuments({ config: undefined, jobFiles: [{ path: 'jobs/x.yaml', content }] });
  return { result, ms: performance.now() - t };
}

const rulesOf = (r: LoadResult) => r.diagnostics.filter((d) => d.file === 'jobs/x.yaml').map((d) => d.rule);

function billionLaughs(): string {
  let s = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    s += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
  }
  return s;
}

describe('hostile input', () => {
  it('a 1,000-deep nested flow sequence', () => {
    const { result, ms } = run(`spec: ${'['.repeat(1000)}${']'.repeat(1000)}\n`);
    expect(rulesOf(result)).toEqual(['yaml/too-deep']);
    expect(ms).toBeLessThan(500);
  });

  it('a billion-laughs alias bomb', () => {
    const { result, ms } = run(billionLaughs());
    expect(rulesOf(result)).toEqual(['yaml/alias']);
    expect(ms).toBeLessThan(500);
  });

  it('a 2 MB file', () => {
    const { result, ms } = run(`description: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
    expect(rulesOf(result)).toEqual(['file/too-large']);
    expect(ms).toBeLessThan(500);
  });

  it('block nesting deeper than the limit', () => {
    const text = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    const { result, ms } = run(text);
    expect(rulesOf(result)).toContain('yaml/too-deep');
    expect(ms).toBeLessThan(2000);
  });

  it('thousands of duplicate keys, summarised', () => {
    const { result, ms } = run(Array.from({ length: 5000 }, (_, i) => `k: ${i}`).join('\n'));
    const rules = rulesOf(result);
    expect(rules.filter((r) => r === 'yaml/duplicate-key')).toHaveLength(50);
    expect(rules).toContain('diagnostics/truncated');
    expect(ms).toBeLessThan(3000);
  });

  it('bytes that are not UTF-8, with a position', () => {
    const { result } = run(new Uint8Array([0x61, 0x3a, 0x0a, 0x62, 0x3a, 0x20, 0xc3, 0x28]));
    expect(result.diagnostics.find((d) => d.rule === 'file/encoding')).toMatchObject({ line: 2, column: 4 });
  });

  it('a byte-order mark is fine', () => {
    const { result } = run(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('kind: Job\n')]));
    expect(rulesOf(result)).not.toContain('file/encoding');
    expect(rulesOf(result)).not.toContain('yaml/syntax');
  });

  it('wrong types in every position never throw', () => {
    const values = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.string(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    );
    const field = (keys: string[]) =>
      fc.dictionary(fc.constantFrom(...keys), values, { maxKeys: keys.length });
    const spec = fc.record(
      {
        task: fc.oneof(
          values,
          field(['cpu', 'memory', 'launchType', 'capacityProviderStrategy', 'networkMode']),
        ),
        image: values,
        containers: fc.oneof(
          values,
          fc.array(field(['name', 'image', 'dependsOn', 'essential', 'memory']), { maxLength: 3 }),
        ),
        schedule: fc.oneof(values, field(['expression', 'timezone', 'startDate', 'endDate', 'retry'])),
        run: fc.oneof(values, field(['command', 'environment', 'container', 'containers', 'subnets'])),
        tags: values,
        environment: values,
        secrets: values,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(values, spec), (s) => {
        const doc = JSON.stringify({
          apiVersion: 'berth/v1',
          kind: 'Job',
          metadata: { name: 'fuzz' },
          spec: s,
        });
        const r = validateDocuments({
          config: {
            path: 'berth.yaml',
            content:
              'apiVersion: berth/v1\nkind: Config\nmetadata: {name: f}\nspec: {cluster: c, scheduleGroup: g}\n',
          },
          jobFiles: [{ path: 'jobs/x.yaml', content: doc }],
        });
        expect(Array.isArray(r.diagnostics)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => run(text)).not.toThrow();
      }),
      { numRuns: 100 },
    );
  });
});
