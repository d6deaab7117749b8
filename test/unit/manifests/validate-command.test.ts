// `berth validate` end to end through the commander program (no subprocess): output
// formats, exit codes, --strict.
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';
import { VALID } from './support/corpus.js';

let repo: string;
let out: string;

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'berth-validate-'));
  // The job-file cache goes to a scratch directory, never to the user's.
  vi.stubEnv('BERTH_CACHE_DIR', path.join(repo, '.cache'));
  cpSync(path.join(VALID, 'custom-jobs-dir'), repo, { recursive: true });
  out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  process.exitCode = undefined;
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  rmSync(repo, { recursive: true, force: true });
});

async function validate(...args: string[]): Promise<number | undefined> {
  await (await buildProgram()).parseAsync(['node', 'berth', '-C', repo, 'validate', ...args]);
  const code = process.exitCode;
  process.exitCode = undefined;
  return typeof code === 'number' ? code : undefined;
}

const JOB = 'manifests/etl/nightly.yaml';

describe('berth validate', () => {
  it('exits 0 on a valid repository', async () => {
    expect(await validate()).toBe(0);
    expect(out).toBe('valid: 1 valid job in 1 file, no problems\n');
  });

  it('answers from the job-file cache exactly as from a fresh read, errors included', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'berth-validate-cache-'));
    try {
      writeFileSync(
        path.join(repo, JOB),
        'apiVersion: berth/v1\nkind: Job\nmetadata:\n  name: nightly\nspec:\n  imag: x\n',
      );
      const answer = async (...args: string[]) => {
        out = '';
        const code = await validate('-o', 'json', ...args);
        return { code, out };
      };
      const fresh = await answer('--no-cache');
      expect(fresh.code).toBe(1);
      expect(await answer('--cache-dir', cache)).toEqual(fresh);
      expect(readdirSync(cache).filter((f) => f.startsWith('manifests-'))).toHaveLength(1);
      // The second run reads its job from the cache the first one wrote.
      expect(await answer('--cache-dir', cache)).toEqual(fresh);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('exits 1 and lists every error at once', async () => {
    writeFileSync(
      path.join(repo, JOB),
      'apiVersion: berth/v1\nkind: Job\nmetadata:\n  name: nightly\nspec:\n  imag: x\n  comand: [y]\n',
    );
    expect(await validate()).toBe(1);
    expect(out).toContain(
      `${JOB}:6:3  error  unknown field "imag" — did you mean "image"?  [schema/additionalProperties]`,
    );
    expect(out).toContain(`${JOB}:7:3  error  unknown field "comand" — did you mean "command"?`);
    expect(out).toContain('invalid: 2 errors, 0 warnings');
  });

  it('passes warnings unless --strict', async () => {
    writeFileSync(
      path.join(repo, JOB),
      'apiVersion: berth/v1\nkind: Job\nmetadata:\n  name: nightly\nspec:\n  image: x/y:latest\n  task: {cpu: 256, memory: 512, executionRoleArn: "arn:aws:iam::123456789012:role/e"}\n',
    );
    expect(await validate()).toBe(0);
    expect(out).toContain('[image/unpinned]');
    expect(await validate('--strict')).toBe(1);
  });

  it('prints JSON and GitHub annotations', async () => {
    writeFileSync(path.join(repo, JOB), 'kind: Job\n');
    expect(await validate('-o', 'json')).toBe(1);
    const parsed = JSON.parse(out) as { kind: string; valid: boolean; diagnostics: { rule: string }[] };
    expect([parsed.kind, parsed.valid]).toEqual(['berth.validate', false]);
    expect(parsed.diagnostics.map((d) => d.rule)).toEqual(['manifest/api-version']);
    out = '';
    expect(await validate('--output', 'github')).toBe(1);
    expect(out).toMatch(
      /^::error file=manifests\/etl\/nightly.yaml,line=1,col=1,title=manifest\/api-version::missing apiVersion/,
    );
  });

  it('refuses an unknown output format', async () => {
    const program = await buildProgram();
    program.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    await expect(program.parseAsync(['node', 'berth', '-C', repo, 'validate', '-o', 'xml'])).rejects.toThrow(
      /Allowed choices/,
    );
  });
});
