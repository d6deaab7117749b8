// Runs one case of the bad-input corpus (test/fixtures/invalid/<case>/): a small repository
// copied to a temporary directory (with the shared _base/berth.yaml unless the case has its
// own), plus generated files and symlinks that cannot live in git comfortably.
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRepository } from '../../../../src/manifests/index.js';
import type { LoadResult } from '../../../../src/model/diagnostics.js';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
export const INVALID = path.join(FIXTURES, 'invalid');
export const VALID = path.join(FIXTURES, 'valid');
/** The corpus is judged as of this moment (for "already in the past" warnings). */
export const NOW = new Date('2026-06-01T00:00:00Z');

export interface ExpectedDiagnostic {
  severity: 'error' | 'warning';
  rule: string;
  file: string;
  line: number;
  column: number;
  pointer: string;
  /** A piece of the message that must be there (suggestions, inherited-from notes). */
  message?: string;
}

export interface CaseSpec {
  description: string;
  noBaseConfig?: boolean;
  setup?: { write: string; head?: string; repeat: string; count: number }[];
  symlinks?: { path: string; target: '<outside>' }[];
  diagnostics?: ExpectedDiagnostic[];
  invalidJobNames?: string[];
  jobs?: string[];
}

export function readSpec(dir: string, file: string): CaseSpec {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CaseSpec;
}

/** Copies the case to a temporary repository, loads it (with `load`, by default once), cleans up. */
export async function runCase<T = LoadResult>(
  dir: string,
  spec: CaseSpec,
  load: (repo: string) => Promise<T> = (repo) => loadRepository(repo, { now: NOW }) as Promise<T>,
): Promise<T> {
  const work = mkdtempSync(path.join(tmpdir(), 'berth-corpus-'));
  const repo = path.join(work, 'repo');
  try {
    cpSync(dir, repo, {
      recursive: true,
      filter: (src) => !['expected.json', 'case.json'].includes(path.basename(src)),
    });
    if (!spec.noBaseConfig && !existsSync(path.join(repo, 'berth.yaml')))
      cpSync(path.join(INVALID, '_base', 'berth.yaml'), path.join(repo, 'berth.yaml'));
    for (const s of spec.setup ?? [])
      writeFileSync(path.join(repo, s.write), (s.head ?? '') + s.repeat.repeat(s.count));
    for (const link of spec.symlinks ?? []) {
      const outside = path.join(work, 'outside.yaml');
      writeFileSync(
        outside,
        'apiVersion: berth/v1\nkind: Job\nmetadata:\n  name: outsider\nspec:\n  image: x/y:1\n',
      );
      mkdirSync(path.dirname(path.join(repo, link.path)), { recursive: true });
      symlinkSync(outside, path.join(repo, link.path));
    }
    return await load(repo);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function project(result: LoadResult): ExpectedDiagnostic[] {
  return result.diagnostics.map((d) => ({
    severity: d.severity,
    rule: d.rule,
    file: d.file,
    line: d.line,
    column: d.column,
    pointer: d.pointer,
  }));
}
