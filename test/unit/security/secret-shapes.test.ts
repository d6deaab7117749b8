// Secrets by their form: found under any name, masked in every output, never echoed by the
// warning; ordinary values (ARNs, images, digests, placeholders) are left alone.
import { describe, expect, it } from 'vitest';
import {
  containsSecretShape,
  maskSecretShapes,
  maskSecretShapesDeep,
  secretShapesIn,
} from '../../../src/desired/secret-shapes.js';
import { isSensitiveEnv } from '../../../src/desired/sensitive.js';
import { createLogger } from '../../../src/log/logger.js';
import { checkSecretShapes } from '../../../src/manifests/rules/secret-shapes.js';
import { diffValues } from '../../../src/plan/diff.js';

const SAMPLES: [string, string][] = [
  ['aws-access-key-id', 'AKIAIOSFODNN7EXAMPLE'],
  ['aws-access-key-id', 'ASIAY34FZKBOKMUTVV7A'],
  ['github-token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
  ['github-token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
  ['slack-token', 'xoxb-123456789012-1234567890123-abcdefghijklmnop'],
  ['slack-webhook-url', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
  ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----'],
  ['password-flag', '--db-password=hunter2hunter2'],
  ['password-flag', '-api-key=0123456789abcdef'],
];

const ORDINARY = [
  'arn:aws:iam::123456789012:role/etl-task',
  '123456789012.dkr.ecr.us-east-1.amazonaws.com/etl@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'cron(0 3 * * ? *)',
  '--token=<aws.scheduler.execution-id>',
  '--password=${DB_PASSWORD}',
  '--password-file=/run/secrets/db',
  'https://hooks.example.com/services/abc',
  'AKIA-not-a-key',
  '550e8400-e29b-41d4-a716-446655440000',
  'ghp_short',
  '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
  'use --db-password from the secret store',
];

describe('secret shapes', () => {
  it.each(SAMPLES)('finds %s and masks it', (id, value) => {
    expect(secretShapesIn(`x ${value} y`).map((s) => s.id)).toContain(id);
    const masked = maskSecretShapes(`x ${value} y`);
    expect(masked).toContain('(sensitive)');
    expect(masked).not.toContain(value.slice(-8));
    expect(isSensitiveEnv('HARMLESS_NAME', value)).toBe(true);
  });

  it('keeps the name of a password flag', () => {
    expect(maskSecretShapes('--db-password=hunter2hunter2 --date 2024')).toBe(
      '--db-password=(sensitive) --date 2024',
    );
  });

  it.each(ORDINARY)('leaves %s alone', (value) => {
    expect(secretShapesIn(value)).toEqual([]);
    expect(maskSecretShapes(value)).toBe(value);
  });

  it('masks deep inside rendered inputs, JSON strings included', () => {
    const input = JSON.stringify({ containerOverrides: [{ command: ['--token=abcdefghijk0123'] }] });
    const out = maskSecretShapesDeep({ a: [{ b: 'AKIAIOSFODNN7EXAMPLE' }], Input: input, n: 3 });
    expect(out).toEqual({
      a: [{ b: '(sensitive)' }],
      Input: JSON.stringify({ containerOverrides: [{ command: ['--token=(sensitive)'] }] }),
      n: 3,
    });
    expect(containsSecretShape({ x: ['a', 'xoxb-123456789012-abc'] })).toBe(true);
  });

  it('marks a plan change sensitive when either side holds a secret shape (plan, diff, drift)', () => {
    const [change] = diffValues({ command: ['run'] }, { command: ['run', '--db-password=hunter2hunter2'] });
    expect(change).toMatchObject({ path: '/command', sensitive: true });
    const [plain] = diffValues({ command: ['run'] }, { command: ['run', '--date'] });
    expect(plain!.sensitive).toBeUndefined();
  });

  it('masks them in log lines, messages and fields alike', () => {
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (s: string) => void lines.push(s) } });
    log.info(
      { detail: 'key AKIAIOSFODNN7EXAMPLE' },
      'hook https://hooks.slack.com/services/T0/B0/abcdefghijkl',
    );
    expect(lines.join('')).not.toMatch(/AKIAIOSFODNN7EXAMPLE|abcdefghijkl/);
    expect(lines.join('')).toContain('(sensitive)');
  });

  it('validate warns with the rule id and the kind, never the value', () => {
    const findings = checkSecretShapes({
      metadata: { description: 'see https://hooks.slack.com/services/T0/B0/abcdefghijkl' },
      spec: {
        environment: { NOTE: 'AKIAIOSFODNN7EXAMPLE', API_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' },
      },
    });
    expect(findings.map((f) => [f.rule, f.pointer])).toEqual([
      ['secrets/shape', '/metadata/description'],
      ['secrets/shape', '/spec/environment/NOTE'],
    ]);
    for (const f of findings) expect(JSON.stringify(f)).not.toMatch(/AKIAIOSFODNN7EXAMPLE|abcdefghijkl/);
    expect(findings[1]!.message).toContain('an AWS access key id [aws-access-key-id]');
  });
});
