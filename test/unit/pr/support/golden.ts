// Golden files under test/fixtures/pr/; UPDATE_GOLDEN=1 rewrites them (review the diff).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const PR_FIXTURES = join(import.meta.dirname, '../../../fixtures/pr');
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

export function golden(file: string, actual: string): void {
  const path = join(PR_FIXTURES, file);
  if (UPDATE_GOLDEN) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden ${file}; run with UPDATE_GOLDEN=1`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
