import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../../src/manifests/decode.js';
import { defaultsPointers } from '../../../src/manifests/placement.js';
import { dotted, joinPointer } from '../../../src/manifests/pointer.js';
import { findCycle } from '../../../src/manifests/rules/containers.js';
import { isSecretReference } from '../../../src/manifests/rules/environment.js';
import { parseImage } from '../../../src/manifests/rules/images.js';
import { salvageNames } from '../../../src/manifests/salvage.js';
import { editDistance, suggest } from '../../../src/manifests/suggest.js';

describe('suggest', () => {
  it('finds close names, ignores far ones, prefers a case-insensitive match', () => {
    expect(suggest('comand', ['command', 'entryPoint'])).toBe('command');
    // Two neighbouring letters swapped is one typo, not two (issue 14: spce got no suggestion).
    expect(suggest('spce', ['apiVersion', 'kind', 'metadata', 'spec'])).toBe('spec');
    expect(editDistance('spce', 'spec')).toBe(1);
    expect(suggest('Image', ['image', 'images'])).toBe('image');
    expect(suggest('xyz', ['command', 'image'])).toBeUndefined();
    expect(suggest('a'.repeat(100), ['a'])).toBeUndefined();
  });

  it('bounds the edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('a', 'b'.repeat(50), 3)).toBe(4);
  });
});

describe('image references', () => {
  it.each([
    ['nginx', { repository: 'nginx' }],
    ['library/python:3.12-slim', { repository: 'library/python', tag: '3.12-slim' }],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:1.0',
      { registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com', repository: 'etl', tag: '1.0' },
    ],
    ['localhost:5000/a/b:v1', { registry: 'localhost:5000', repository: 'a/b', tag: 'v1' }],
    [`x/y@sha256:${'a'.repeat(64)}`, { repository: 'x/y', digest: `sha256:${'a'.repeat(64)}` }],
  ])('parses %s', (ref, parsed) => {
    expect(parseImage(ref)).toEqual(parsed);
  });

  it.each(['UPPER/case:1', 'a b:1', 'x:', 'x@sha256:short', '/x:1', 'x//y:1', `x:${'t'.repeat(129)}`])(
    'rejects %s',
    (ref) => {
      expect(parseImage(ref)).toBeUndefined();
    },
  );
});

describe('secret references', () => {
  it.each([
    'arn:aws:ssm:us-east-1:123456789012:parameter/etl/db/password',
    'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/x',
    '/etl/db/password',
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:etl/db-AbCdEf',
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:etl/db-AbCdEf:username::',
  ])('accepts %s', (ref) => expect(isSecretReference(ref)).toBe(true));

  it.each([
    'hunter2',
    'etl/db',
    'arn:aws:ssm:us-east-1:123456789012:parameter//etl',
    'arn:aws:s3:::bucket',
    'arn:aws:secretsmanager:us-east-1:123:secret:x',
  ])('rejects %s', (ref) => expect(isSecretReference(ref)).toBe(false));
});

describe('dependency cycles', () => {
  it('finds a cycle as a closed path, or none', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(['a', 'b', 'c'], edges)).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(['a', 'b'], new Map([['a', ['b']]]))).toBeUndefined();
  });
});

describe('pointers', () => {
  it('escapes and prints pointers', () => {
    expect(joinPointer('/spec/tags', 'a/b~c')).toBe('/spec/tags/a~1b~0c');
    expect(dotted('/spec/containers/0/logging/driver')).toBe('spec.containers[0].logging.driver');
  });

  it('knows which default a job field falls back to', () => {
    expect(defaultsPointers('/spec/task/cpu')).toEqual(['/spec/defaults/task/cpu']);
    expect(defaultsPointers('/spec/run/subnets/0')).toEqual([
      '/spec/defaults/run/subnets/0',
      '/spec/defaults/network/subnets/0',
    ]);
    expect(defaultsPointers('/spec/containers/1/logging/group')).toEqual(['/spec/defaults/logging/group']);
    expect(defaultsPointers('/spec/tags/team')).toEqual(['/spec/tags/team']);
    expect(defaultsPointers('/metadata/name')).toEqual([]);
  });
});

describe('decoding', () => {
  it('strips a byte-order mark from text', () => {
    expect(decodeFile({ path: 'x', content: '\uFEFFa: 1' })).toEqual({ ok: true, text: 'a: 1' });
  });

  it('counts bytes, not characters, against the limit', () => {
    expect(decodeFile({ path: 'x', content: 'é'.repeat(600) }, 1000)).toMatchObject({ ok: false });
    expect(decodeFile({ path: 'x', content: 'e'.repeat(600) }, 1000)).toMatchObject({ ok: true });
  });
});

describe('salvaging names from unparseable text', () => {
  it('reads metadata.name lines of each document', () => {
    const text =
      'apiVersion: berth/v1\nmetadata:\n  labels: {a: b}\n  name: "first"\nspec:\n  name: not-this\n---\nmetadata:\n\tname: second # tab\n';
    expect(salvageNames(text)).toEqual(['first', 'second']);
  });
});
