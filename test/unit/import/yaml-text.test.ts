import { describe, expect, it } from 'vitest';
import { manifestYaml } from '../../../src/import/yaml-text.js';
import { parseYaml } from '../../../src/manifests/yaml-parse.js';

describe('manifestYaml', () => {
  const value = {
    run: {
      command: ['2018-01-01', '2019-01-01'],
      environment: { DRY_RUN: 'false', MODE: 'on', AT: '<aws.scheduler.scheduled-time>' },
    },
    long: Array.from({ length: 12 }, (_, i) => `argument-number-${i}`),
  };
  const text = manifestYaml(value as never, ['Imported by a test.']);

  it('quotes what YAML 1.1 readers would not take for a string, flows short lists, keeps a header', () => {
    expect(text).toBe(`# Imported by a test.
run:
  command: ['2018-01-01', '2019-01-01']
  environment:
    DRY_RUN: 'false'
    MODE: 'on'
    AT: <aws.scheduler.scheduled-time>
long:
${value.long.map((a) => `  - ${a}`).join('\n')}
`);
  });

  it('reads back as the same value with berth’s own parser', () => {
    const [doc] = parseYaml('x.yaml', text).documents;
    expect(doc?.value).toEqual(value);
  });
});
