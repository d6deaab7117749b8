import { describe, expect, it } from 'vitest';
import { locate } from '../../../src/manifests/positions.js';
import { flowTooDeep, parseYaml } from '../../../src/manifests/yaml-parse.js';

const rules = (text: string) => parseYaml('f.yaml', text).diagnostics.map((d) => d.rule);

describe('positions', () => {
  const text = [
    'apiVersion: berth/v1', // 1
    'kind: Job', // 2
    'metadata:', // 3
    '  name: daily', // 4
    'spec:', // 5
    '  containers:', // 6
    '    - name: app', // 7
    '      image: "a/b:1"', // 8
    '      command: [run, --at, x]', // 9
    '  tags: {a/b: 1, "x~y": 2}', // 10
  ].join('\n');
  const [doc] = parseYaml('f.yaml', text).documents;

  it('maps each field to where its key starts', () => {
    const f = doc!.positions.fields;
    expect(f.get('')).toEqual([1, 1]);
    expect(f.get('/metadata')).toEqual([3, 1]);
    expect(f.get('/metadata/name')).toEqual([4, 3]);
    expect(f.get('/spec/containers/0')).toEqual([7, 7]);
    expect(f.get('/spec/containers/0/image')).toEqual([8, 7]);
    expect(f.get('/spec/containers/0/command/2')).toEqual([9, 28]);
  });

  it('maps scalar values to where the value starts', () => {
    const s = doc!.positions.scalars;
    expect(s.get('/metadata/name')).toEqual([4, 9]);
    expect(s.get('/spec/containers/0/image')).toEqual([8, 14]);
    expect(s.has('/spec/containers')).toBe(false);
  });

  it('escapes / and ~ in keys as JSON pointers do', () => {
    expect(doc!.positions.fields.get('/spec/tags/a~1b')).toEqual([10, 10]);
    expect(doc!.positions.fields.get('/spec/tags/x~0y')).toEqual([10, 18]);
  });

  it('falls back to the nearest field that exists', () => {
    expect(locate(doc!.positions, '/spec/containers/0/image')).toEqual({ at: [8, 14], exact: true });
    expect(locate(doc!.positions, '/spec/containers/0/image', 'field')).toEqual({ at: [8, 7], exact: true });
    expect(locate(doc!.positions, '/spec/containers/0/logging/driver')).toEqual({ at: [7, 7], exact: false });
    expect(locate(doc!.positions, '/nothing/here')).toEqual({ at: [1, 1], exact: false });
  });

  it('gives each document of a file its own positions, in file lines', () => {
    const docs = parseYaml('f.yaml', 'a: 1\n---\n# two\nb:\n  c: 2\n').documents;
    expect(docs).toHaveLength(2);
    expect(docs[1]!.start).toEqual([4, 1]);
    expect(docs[1]!.positions.fields.get('/b/c')).toEqual([5, 3]);
    expect(docs[1]!.value).toEqual({ b: { c: 2 } });
  });
});

describe('YAML problems', () => {
  it('reports syntax errors with their place, without the source excerpt', () => {
    const { diagnostics } = parseYaml('f.yaml', 'a: 1\nb: {c: 2\n');
    expect(diagnostics[0]).toMatchObject({ rule: 'yaml/syntax', severity: 'error', line: 3, column: 1 });
    expect(diagnostics[0]!.message).not.toContain('\n');
    expect(diagnostics[0]!.message).not.toMatch(/at line \d/);
  });

  it('finds duplicate keys with the pointer of the second and the line of the first', () => {
    const { diagnostics, documents } = parseYaml('f.yaml', 'a:\n  b: 1\n  c: 2\n  b: 3\n');
    expect(diagnostics).toMatchObject([{ rule: 'yaml/duplicate-key', pointer: '/a/b', line: 4, column: 3 }]);
    expect(diagnostics[0]!.message).toContain('first at line 2');
    expect(documents[0]!.broken).toBe(true);
  });

  it('rejects aliases without expanding them, once per document', () => {
    const { diagnostics, documents } = parseYaml('f.yaml', 'a: &x [1, 2]\nb: *x\nc: *x\n');
    expect(diagnostics).toMatchObject([{ rule: 'yaml/alias', pointer: '/b', line: 2, column: 4 }]);
    expect(diagnostics[0]!.message).toContain('1 other');
    expect(documents[0]!.value).toBeUndefined();
  });

  it('allows an anchor nobody refers to', () => {
    expect(rules('a: &x 1\n')).toEqual([]);
  });

  it('rejects tabs, custom tags and collection keys', () => {
    expect(rules('a:\n\tb: 1\n')).toContain('yaml/tab');
    expect(rules('a: !Ref b\n')).toEqual(['yaml/unknown-tag']);
    expect(rules('? [a, b]\n: c\n')).toEqual(['yaml/complex-key']);
  });

  it('reads YAML 1.2: yes/no/on/off stay strings, no timestamps, no merge keys', () => {
    const [doc] = parseYaml('f.yaml', 'a: yes\nb: off\nc: 2026-01-01T00:00:00Z\nd: 0x10\n').documents;
    expect(doc!.value).toEqual({ a: 'yes', b: 'off', c: '2026-01-01T00:00:00Z', d: 16 });
  });

  it('marks empty documents and files', () => {
    expect(parseYaml('f.yaml', '').documents.map((d) => d.empty)).toEqual([true]);
    expect(parseYaml('f.yaml', '# only\n').documents.map((d) => d.empty)).toEqual([true]);
    expect(parseYaml('f.yaml', 'a: 1\n---\n').documents.map((d) => d.empty)).toEqual([false, true]);
  });

  it('reads metadata.name from the tree even when conversion is refused', () => {
    const [doc] = parseYaml('f.yaml', 'metadata:\n  name: kept\nx: &a 1\ny: *a\n').documents;
    expect(doc!.name).toBe('kept');
  });

  it('caps the number of documents per file', () => {
    const { diagnostics, documents } = parseYaml('f.yaml', 'a: 1\n---\n'.repeat(300));
    expect(documents.length).toBe(200);
    expect(diagnostics.map((d) => d.rule)).toContain('file/too-many-documents');
  });
});

describe('flow nesting guard', () => {
  it('stops at the first bracket deeper than the limit', () => {
    expect(flowTooDeep('a: ' + '['.repeat(65))).toEqual([1, 68]);
    expect(flowTooDeep('a: ' + '['.repeat(64) + ']'.repeat(64))).toBeUndefined();
  });

  it('ignores brackets in quotes and comments', () => {
    expect(
      flowTooDeep(`a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}\n`),
    ).toBeUndefined();
  });

  it('does not mistake an apostrophe inside a word for a quote', () => {
    expect(flowTooDeep(`a: it's ${'['.repeat(70)}`)).toEqual([1, 73]);
  });
});
