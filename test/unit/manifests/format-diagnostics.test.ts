import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../../src/manifests/format-diagnostics.js';
import type { Diagnostic } from '../../../src/model/diagnostics.js';

const typo: Diagnostic = {
  severity: 'error',
  file: 'jobs/daily.yaml',
  line: 12,
  column: 7,
  pointer: '/spec/comand',
  rule: 'schema/additionalProperties',
  message: 'unknown field "comand" — did you mean "command"?',
  hint: "Shorthand only: the container's command.",
  job: 'daily',
};
const missing: Diagnostic = {
  severity: 'warning',
  file: 'berth.yaml',
  line: 0,
  column: 0,
  pointer: '',
  rule: 'config/jobs-dir',
  message: 'the jobs directory jobs/ does not exist, 100% sure',
};

describe('text output', () => {
  it('prints file:line:col, severity, message, rule, then pointer and hint, then a summary', () => {
    expect(formatDiagnostics([typo, missing], 'text', { jobs: 2, files: 3 })).toBe(
      [
        'jobs/daily.yaml:12:7  error  unknown field "comand" — did you mean "command"?  [schema/additionalProperties]',
        '    at /spec/comand',
        "    hint: Shorthand only: the container's command.",
        'berth.yaml  warning  the jobs directory jobs/ does not exist, 100% sure  [config/jobs-dir]',
        '',
        'invalid: 1 error, 1 warning (2 valid jobs in 3 files)',
        '',
      ].join('\n'),
    );
  });

  it('says so when all is well', () => {
    expect(formatDiagnostics([], 'text', { jobs: 1, files: 1 })).toBe(
      'valid: 1 valid job in 1 file, no problems\n',
    );
    expect(formatDiagnostics([missing], 'text', { jobs: 0, files: 0 })).toContain('valid with 1 warning');
  });
});

describe('json output', () => {
  it('is a berth.validate document: the verdict, the counts, the diagnostics in a fixed key order', () => {
    const out = formatDiagnostics([missing, typo], 'json', { jobs: 0, files: 1 });
    const doc = JSON.parse(out) as { diagnostics: Diagnostic[] };
    expect(doc).toEqual({
      kind: 'berth.validate',
      formatVersion: 1,
      valid: false,
      errors: 1,
      warnings: 1,
      jobs: 0,
      files: 1,
      diagnostics: [missing, typo],
    });
    const parsed = doc.diagnostics;
    expect(Object.keys(parsed[1]!)).toEqual([
      'severity',
      'file',
      'line',
      'column',
      'pointer',
      'rule',
      'message',
      'hint',
      'job',
    ]);
  });
});

describe('github output', () => {
  it('writes workflow commands with escaped properties and data', () => {
    const out = formatDiagnostics([typo, missing], 'github', { jobs: 0, files: 1 }).split('\n');
    expect(out[0]).toBe(
      '::error file=jobs/daily.yaml,line=12,col=7,title=schema/additionalProperties::unknown field "comand" — did you mean "command"?%0Aat /spec/comand%0Ahint: Shorthand only: the container\'s command.',
    );
    expect(out[1]).toBe(
      '::warning file=berth.yaml,title=config/jobs-dir::the jobs directory jobs/ does not exist, 100%25 sure',
    );
  });

  it('escapes commas and colons in file names', () => {
    const out = formatDiagnostics([{ ...missing, file: 'jobs/a,b:c.yaml' }], 'github', { jobs: 0, files: 1 });
    expect(out).toContain('file=jobs/a%2Cb%3Ac.yaml,');
  });
});
