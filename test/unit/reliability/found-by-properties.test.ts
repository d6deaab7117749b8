// Bugs the property tests found, pinned as plain examples so they stay fixed.
import { describe, expect, it } from 'vitest';
import { checkCron, validateDocuments } from '../../../src/manifests/index.js';
import type { LoadResult } from '../../../src/model/diagnostics.js';
import { checkLoad } from './support/check-load.js';

function load(content: string): { result: LoadResult; ms: number } {
  const started = performance.now();
  const result = validateDocuments({ config: undefined, jobFiles: [{ path: 'jobs/x.yaml', content }] });
  return { result, ms: performance.now() - started };
}
const rules = (r: LoadResult) =>
  [...new Set(r.diagnostics.filter((d) => d.file === 'jobs/x.yaml').map((d) => d.rule))].sort();

describe('found by the generated manifests', () => {
  it('a day-of-week list with day names is valid: the W of WED is not the W wildcard', () => {
    for (const body of [
      '0 3 ? * MON,WED,FRI *',
      '0 3 ? * MON-WED,SAT *',
      '0 3 ? * wed,sun *',
      '0 3 ? * 2,WED *',
    ])
      expect(checkCron(body), body).toEqual([]);
  });

  it('# and W still stand alone in their lists', () => {
    expect(checkCron('0 3 ? * TUE#2,WED *').map((p) => p.rule)).toEqual(['cron/value']);
    expect(checkCron('0 3 1,15W * ? *').map((p) => p.rule)).toEqual(['cron/value']);
  });
});

describe('found by the hostile-input properties', () => {
  it('nested explicit keys (? ? ? … x) are rejected in milliseconds, not converted in exponential time', () => {
    // Before the fix, 300 levels took minutes in the YAML library's conversion of collection keys.
    // Since issue 14, nesting on one line past 64 levels is refused before the parser even runs.
    const { result, ms } = load(`${'? '.repeat(2000)}x\n`);
    expect(rules(result)).toContain('yaml/too-deep');
    expect(load(`${'? '.repeat(40)}x\n`).result.diagnostics.map((d) => d.rule)).toContain('yaml/complex-key');
    expect(ms).toBeLessThan(5_000);
  });

  it('the same inside the value of a duplicate key, which the position walk used to skip', () => {
    const { result, ms } = load(`a: 1\na: ${'? '.repeat(2000)}x\n`);
    expect(rules(result)).toEqual(expect.arrayContaining(['yaml/complex-key', 'yaml/duplicate-key']));
    expect(ms).toBeLessThan(5_000);
  });

  it('a document with a duplicate key still names its jobs, so they are never pruned', () => {
    const { result } = load(
      'apiVersion: berth/v1\nkind: Job\nmetadata:\n  name: first\n  name: second\nspec: {image: a:1}\n',
    );
    expect(result.invalidJobNames).toEqual(['first', 'second']);
  });

  it('positions stay on the right line after the lexer swallows a line break (a directive inside a document)', () => {
    const text = '  a0: &a0 [x, x]\na1: &a1 [*a0, *a0]\n%YAML 1.1\na: 0\na: 1';
    const { result } = load(text);
    checkLoad(result, [{ path: 'jobs/x.yaml', content: text }]);
    // "a: 1" is on line 5; it used to be reported on line 4, and ":" of line 4 at 3:12.
    const places = result.diagnostics.filter((d) => d.file === 'jobs/x.yaml').map((d) => [d.line, d.column]);
    expect(places).toContainEqual([5, 1]);
    expect(places).not.toContainEqual([3, 12]);
  });

  it('a file with a quarter of a million syntax errors is reported, not a stack overflow', () => {
    // `out.push(...diagnostics)` passed every diagnostic as an argument and overflowed the stack.
    const { result } = load('"'.repeat(500_000));
    expect(rules(result)).toEqual(['diagnostics/truncated', 'yaml/syntax']);
    expect(result.diagnostics.find((d) => d.rule === 'diagnostics/truncated')?.message).toMatch(
      /^\d{6} more problem/,
    );
  }, 120_000);
});

describe('found while deriving the generator from the AWS rules', () => {
  const config = (tags = '') => ({
    path: 'berth.yaml',
    content: `apiVersion: berth/v1
kind: Config
metadata: {name: gen}
spec:
  cluster: etl
  scheduleGroup: berth-gen
  defaults: {task: {cpu: 256, memory: 512, executionRoleArn: "arn:aws:iam::123456789012:role/x"}}
${tags}`,
  });
  const withDependency = (condition: string, essential: boolean) => `apiVersion: berth/v1
kind: Job
metadata: {name: deps}
spec:
  containers:
    - {name: main, image: "a/main:1"}
    - name: init
      image: "a/init:1"
      essential: ${essential}
    - name: after
      image: "a/after:1"
      dependsOn: [{containerName: init, condition: ${condition}}]
`;
  const diagnose = (job: string, cfg = config()) =>
    validateDocuments({ config: cfg, jobFiles: [{ path: 'jobs/x.yaml', content: job }] }).diagnostics.map(
      (d) => [d.rule, d.pointer, d.line],
    );

  it.each(['COMPLETE', 'SUCCESS'])('%s may only wait for a container that is not essential', (condition) => {
    expect(diagnose(withDependency(condition, true))).toEqual([
      ['container/depends-on-condition', '/spec/containers/2/dependsOn/0/condition', 12],
    ]);
    expect(diagnose(withDependency(condition, false))).toEqual([]);
  });

  it('HEALTHY needs a health check, which a manifest cannot declare', () => {
    expect(diagnose(withDependency('HEALTHY', false))).toEqual([
      ['container/depends-on-condition', '/spec/containers/2/dependsOn/0/condition', 12],
    ]);
    expect(diagnose(withDependency('START', true))).toEqual([]);
  });

  it('repository tags go on the schedule group too, whose tag values cannot be empty', () => {
    const job = 'apiVersion: berth/v1\nkind: Job\nmetadata: {name: j}\nspec: {image: "a/j:1"}\n';
    expect(diagnose(job, config('  tags: {team: data, empty: ""}\n'))).toEqual([
      ['tags/empty-value', '/spec/tags/empty', 8],
    ]);
  });
});
