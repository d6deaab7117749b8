// Bytes → text, strictly: a manifest that is not UTF-8 is an error with a position,
// never a page of U+FFFD characters sent on to AWS.
import { diagnostic } from './diagnostic.js';
import type { RepoFile } from './files.js';
import { MAX_FILE_BYTES } from './limits.js';
import type { Diagnostic } from '../model/diagnostics.js';

export type Decoded =
  | { ok: true; text: string }
  /** `salvage`: a lossy reading, only good for finding job names to protect from pruning. */
  | { ok: false; diagnostic: Diagnostic; salvage?: string };

export function tooLarge(path: string, bytes: number, max = MAX_FILE_BYTES): Diagnostic {
  return diagnostic({
    severity: 'error',
    file: path,
    line: 0,
    column: 0,
    pointer: '',
    rule: 'file/too-large',
    message: `file is ${formatBytes(bytes)}, larger than the ${formatBytes(max)} limit for a manifest`,
    hint: 'split it into several files; a job manifest is normally a few KiB',
  });
}

export function decodeFile(file: RepoFile, max = MAX_FILE_BYTES): Decoded {
  const bytes =
    typeof file.content === 'string' ? Buffer.byteLength(file.content, 'utf8') : file.content.length;
  if (bytes > max) return { ok: false, diagnostic: tooLarge(file.path, bytes, max) };
  if (typeof file.content === 'string') return { ok: true, text: stripBom(file.content) };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(file.content) };
  } catch {
    const salvage = new TextDecoder('utf-8').decode(file.content);
    const at = positionOf(salvage, salvage.indexOf('\uFFFD'));
    return {
      ok: false,
      salvage,
      diagnostic: diagnostic({
        severity: 'error',
        file: file.path,
        line: at.line,
        column: at.column,
        pointer: '',
        rule: 'file/encoding',
        message: 'file is not valid UTF-8',
        hint: 'save the file as UTF-8 (YAML manifests must be UTF-8)',
      }),
    };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  if (offset < 0) return { line: 1, column: 1 };
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}
