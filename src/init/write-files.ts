// Writes what `berth init` made, never over a file that exists with other content (unless forced),
// and says for each file what happened.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface PlannedFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  content: string;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'exists';

export interface WrittenFile {
  path: string;
  outcome: WriteOutcome;
}

/** Files that would be refused: they exist with other content. */
export async function conflicts(root: string, files: readonly PlannedFile[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    const current = await readFile(path.join(root, f.path), 'utf8').catch(() => undefined);
    if (current !== undefined && current !== f.content) out.push(f.path);
  }
  return out;
}

export async function writeFiles(
  root: string,
  files: readonly PlannedFile[],
  opts: { force: boolean; merged?: ReadonlySet<string> },
): Promise<WrittenFile[]> {
  const out: WrittenFile[] = [];
  for (const f of files) {
    const abs = path.join(root, f.path);
    const current = await readFile(abs, 'utf8').catch(() => undefined);
    if (current === f.content) out.push({ path: f.path, outcome: 'unchanged' });
    else if (current !== undefined && !opts.force && !opts.merged?.has(f.path))
      out.push({ path: f.path, outcome: 'exists' });
    else {
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, f.content);
      out.push({ path: f.path, outcome: current === undefined ? 'created' : 'updated' });
    }
  }
  return out;
}
