// One form for every error a person sees: "berth: <what>" on one line, "  hint: <what to do>"
// on the next, exit 1. Mistakes (a bad option, a missing file, a directory given as a file) never
// print a stack trace; only a bug in berth does, so that it can be reported.
import { CommanderError } from 'commander';
import { maskSecretShapes } from '../desired/secret-shapes.js';
import { BerthError } from '../model/errors.js';
import { escapeControl } from '../report/terminal-text.js';

/** Node's errors from the file system and the network: ENOENT, EISDIR, ENOTDIR, EACCES, … */
interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

export function isSystemError(err: unknown): err is SystemError {
  return (
    err instanceof Error &&
    typeof (err as Partial<SystemError>).code === 'string' &&
    /^E[A-Z0-9]+$/.test((err as SystemError).code) &&
    typeof (err as Partial<SystemError>).syscall === 'string'
  );
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

/** "cannot read /x/plan.json: no such file or directory (ENOENT)" */
export function systemErrorMessage(err: SystemError, what?: string): string {
  const reason = REASONS[err.code] ?? err.message.replace(/^[A-Z0-9]+: /, '').replace(/, \w+ '.*'$/, '');
  const target = what ?? (err.path ? err.path : err.syscall);
  return `cannot ${verb(err.syscall)} ${target}: ${reason} (${err.code})`;
}

function verb(syscall: string | undefined): string {
  if (!syscall) return 'use';
  if (/^(open|read|stat|lstat|fstat|scandir|readlink|realpath|access)$/.test(syscall)) return 'read';
  if (/^(write|mkdir|rename|unlink|rmdir|chmod|copyfile|symlink|utime|fsync)$/.test(syscall)) return 'write';
  if (/^(connect|getaddrinfo|listen|bind)$/.test(syscall))
    return syscall === 'connect' ? 'connect to' : syscall;
  return syscall;
}

/** The lines to print for `err` (each ending in a newline) and the exit code. */
export function describeError(err: unknown, debug = false): { text: string; code: number } {
  if (err instanceof CommanderError)
    // commander printed its message already (through the program's outputError)
    return { text: '', code: err.exitCode === 0 ? 0 : 1 };
  if (err instanceof BerthError) {
    let text = `berth: ${escapeControl(maskSecretShapes(err.message))}\n`;
    if (err.hint) text += `  hint: ${escapeControl(err.hint)}\n`;
    if (debug && err.cause) text += `  cause: ${escapeControl(String(err.cause))}\n`;
    return { text, code: 1 };
  }
  if (isSystemError(err)) {
    let text = `berth: ${escapeControl(systemErrorMessage(err))}\n`;
    if (debug && err.stack) text += `${err.stack}\n`;
    return { text, code: 1 };
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return {
    text:
      `berth: internal error: ${escapeControl(err instanceof Error ? err.message : String(err))}\n` +
      `  hint: this is a bug in berth; please report it with the lines below\n${detail}\n`,
    code: 1,
  };
}

/**
 * commander's own messages ("error: option '-o, --output <format>' argument 'xml' is invalid. …")
 * in berth's form, with the command's --help named instead of the whole help printed.
 */
export function commanderMessage(str: string): string {
  return `berth: ${escapeControl(str.replace(/^error: /, '').replace(/\n+$/, ''))}\n`;
}
