// What the pure validator gets from the shell: file contents, or the reason a file
// could not be read (outside the repository, too large, not a regular file, …).
import type { Diagnostic } from '../model/diagnostics.js';

export interface RepoFile {
  /** Relative to the repository root, forward slashes. */
  path: string;
  /** Raw bytes (decoded strictly as UTF-8) or text. */
  content: string | Uint8Array;
}

export interface UnreadableFile {
  path: string;
  problem: Diagnostic;
}

export type InputFile = RepoFile | UnreadableFile;

export function isReadable(file: InputFile): file is RepoFile {
  return 'content' in file;
}
