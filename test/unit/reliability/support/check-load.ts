// What must hold of a LoadResult whatever the input: every diagnostic well-formed and placed
// inside the file it names, and the verdict consistent (a file with an error yields no job).
import { expect } from 'vitest';
import type { LoadResult } from '../../../../src/model/diagnostics.js';

export interface Input {
  path: string;
  content: string | Uint8Array;
}

/** The text positions refer to: decoded like the loader does (BOM dropped, lossy if not UTF-8). */
export function textOf(content: string | Uint8Array): string {
  if (typeof content === 'string') return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  return new TextDecoder('utf-8').decode(content);
}

/** Lines as the YAML parser counts them: \n ends a line (a \r before it belongs to the line). */
export function lineLengths(text: string): number[] {
  return text.split('\n').map((l) => l.length);
}

export function checkLoad(result: LoadResult, inputs: Input[], extraFiles: string[] = []): void {
  const byPath = new Map(inputs.map((i) => [i.path, i]));
  const known = new Set([...byPath.keys(), 'berth.yaml', ...extraFiles]);
  for (const d of result.diagnostics) {
    const where = `${d.file}:${d.line}:${d.column} ${d.rule}`;
    expect(['error', 'warning'], where).toContain(d.severity);
    expect(d.rule, where).toMatch(/^[a-z0-9-]+\/[A-Za-z0-9-]+$/);
    expect(typeof d.message, where).toBe('string');
    expect(d.message.length, where).toBeGreaterThan(0);
    expect(d.pointer === '' || d.pointer.startsWith('/'), where).toBe(true);
    expect(known.has(d.file), `${where}: unknown file`).toBe(true);
    expect(Number.isInteger(d.line) && Number.isInteger(d.column), where).toBe(true);
    if (d.line === 0) {
      expect(d.column, where).toBe(0);
      continue;
    }
    const input = byPath.get(d.file);
    if (!input) continue;
    const lines = lineLengths(textOf(input.content));
    expect(d.line, `${where}: beyond the last line (${lines.length})`).toBeLessThanOrEqual(lines.length);
    expect(d.line, where).toBeGreaterThanOrEqual(1);
    expect(d.column, where).toBeGreaterThanOrEqual(1);
    expect(d.column, `${where}: beyond the end of the line (${lines[d.line - 1]})`).toBeLessThanOrEqual(
      lines[d.line - 1]! + 1,
    );
  }
  const failing = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  expect(result.invalidFiles).toEqual([...failing].sort());
  for (const job of result.jobs) {
    expect(failing.has(job.source.file), `job from failing file ${job.source.file}`).toBe(false);
    expect(typeof job.manifest.metadata.name).toBe('string');
  }
  expect(result.invalidJobNames).toEqual([...new Set(result.invalidJobNames)].sort());
  if (result.config !== undefined) expect(failing.has(result.configFile ?? 'berth.yaml')).toBe(false);
}
