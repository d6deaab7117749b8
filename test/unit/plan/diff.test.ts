import { describe, expect, it } from 'vitest';
import { diffValues, toPointer } from '../../../src/plan/diff.js';
import { sensitiveEnvPredicate } from '../../../src/plan/sensitive.js';

describe('diffValues', () => {
  it('walks maps key by key and compares lists whole', () => {
    expect(diffValues({ a: { b: 1, c: [1, 2] } }, { a: { b: 2, c: [2, 1] }, d: 'x' })).toEqual([
      { path: '/a/b', before: 1, after: 2 },
      { path: '/a/c', before: [1, 2], after: [2, 1] },
      { path: '/d', after: 'x' },
    ]);
  });

  it('lists the fields of an added map one by one', () => {
    expect(diffValues(undefined, { c: { image: 'i', env: { A: '1' } } })).toEqual([
      { path: '/c/env/A', after: '1' },
      { path: '/c/image', after: 'i' },
    ]);
  });

  it('escapes pointer segments (RFC 6901)', () => {
    expect(toPointer(['tags', 'a/b', 'x~y'])).toBe('/tags/a~1b/x~0y');
  });

  it('marks sensitive env vars and their Input override counterparts', () => {
    const isSensitive = sensitiveEnvPredicate(['TOKEN']);
    const changes = diffValues(
      { containerDefinitions: { app: { environment: { TOKEN: 'a', OTHER: 'x' } } } },
      { containerDefinitions: { app: { environment: { TOKEN: 'b', OTHER: 'y' } } } },
      isSensitive,
    );
    expect(changes.map((c) => [c.path, c.sensitive ?? false])).toEqual([
      ['/containerDefinitions/app/environment/OTHER', false],
      ['/containerDefinitions/app/environment/TOKEN', true],
    ]);
    const input = diffValues(
      { Target: { Input: 'not json' } },
      { Target: { Input: { containerOverrides: { app: { environment: { TOKEN: 'b' } } } } } },
      isSensitive,
    );
    // A whole-value change that contains a sensitive variable is masked as a whole.
    expect(input).toEqual([
      { path: '/Target/Input', before: 'not json', after: expect.any(Object), sensitive: true },
    ]);
  });
});
