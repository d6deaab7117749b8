// The one lookup syntax: {{ fn "arg" … }}, literals, and each kind of mistake with its rule.
import { describe, expect, it } from 'vitest';
import { parseTemplate, substituteTemplate } from '../../../src/manifests/lookup-syntax.js';

describe('lookup syntax', () => {
  it('parses calls with quoted, raw and numeric arguments, at their offsets', () => {
    const parts = parseTemplate('img:{{ env "TAG" "1.0" }}-{{ssm `/a/b` 1}}');
    expect(parts.map((p) => [p.offset, p.call?.fn, p.call?.args])).toEqual([
      [4, 'env', ['TAG', '1.0']],
      [26, 'ssm', ['/a/b', '1']],
    ]);
    expect(parseTemplate('{{ tfstate "s3://b/k" "output.x" }}')[0]?.call?.args).toEqual([
      's3://b/k',
      'output.x',
    ]);
    expect(parseTemplate('{{ cfn "stack" "Out" }}')[0]?.call?.fn).toBe('cfn');
  });

  it('unescapes "\\"" and keeps literal text', () => {
    expect(parseTemplate('{{ env "A\\"B" }}')[0]?.call?.args).toEqual(['A"B']);
    expect(substituteTemplate('a {{ "{{" }} b {{ env "X" }}', (p) => (p.call ? 'x' : p.literal))).toBe(
      'a {{ b x',
    );
  });

  it.each([
    ['{{ env "X" ', 'lookup/syntax', /without its closing/],
    ['{{ }}', 'lookup/syntax', /empty lookup/],
    ['{{ "a" "b" }}', 'lookup/syntax', /starts with a function name/],
    ['{{ sm "/x" }}', 'lookup/unknown-function', /unknown lookup function "sm" \(did you mean ssm\?\)/],
    ['{{ env }}', 'lookup/arguments', /env takes 1 or 2 arguments, not 0/],
    ['{{ must_env X }}', 'lookup/arguments', /"X" must be quoted/],
    ['{{ tfstate "a" }}', 'lookup/arguments', /tfstate takes 2 arguments/],
    ['{{ env "X" 3 }}', 'lookup/arguments', /only number allowed/],
    ['{{ env "X }}', 'lookup/syntax', /closing quote/],
    ['{{ env $X }}', 'lookup/syntax', /unexpected "\$"/],
  ])('%s is %s', (text, rule, message) => {
    const [p] = parseTemplate(text);
    expect(p?.problem?.rule).toBe(rule);
    expect(p?.problem?.message).toMatch(message);
  });
});
