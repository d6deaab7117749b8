// The disk job-plan memo is keyed on the planner's code: a change in any directory the planner
// imports (not only plan/) must give other keys, or a new berth would reuse an old verdict.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPlannerModules } from '../../../src/pipeline/job-plan-store.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function tree(files: Record<string, string>): URL[] {
  root = mkdtempSync(path.join(tmpdir(), 'berth-fp-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return ['plan', 'model'].map((d) => pathToFileURL(path.join(root!, d) + '/'));
}

describe('hashPlannerModules', () => {
  it('changes when a module outside plan/ changes, and only then', () => {
    const dirs = tree({ 'plan/a.js': 'export const a = 1;', 'model/arn.js': 'export const re = /x/;' });
    const before = hashPlannerModules(dirs);
    expect(hashPlannerModules(dirs)).toBe(before);
    writeFileSync(new URL('arn.js', dirs[1]), 'export const re = /y/;');
    expect(hashPlannerModules(dirs)).not.toBe(before);
    writeFileSync(new URL('README.md', dirs[1]), 'not code');
    const after = hashPlannerModules(dirs);
    writeFileSync(new URL('README.md', dirs[1]), 'still not code');
    expect(hashPlannerModules(dirs)).toBe(after);
  });
});
