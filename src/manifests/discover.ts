// Finding the job files of a repository on disk, without ever leaving it: symlinks are
// followed only while they resolve inside the repository, directory loops are cut,
// special files (FIFOs, devices) are never opened, and oversized files are never read.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { tooLarge } from './decode.js';
import { diagnostic } from './diagnostic.js';
import type { InputFile } from './files.js';
import { MAX_DIR_DEPTH, MAX_FILE_BYTES, MAX_FILES } from './limits.js';
import type { Diagnostic } from '../model/diagnostics.js';

export interface Discovery {
  files: InputFile[];
  diagnostics: Diagnostic[];
}

const MANIFEST = /\.ya?ml$/i;

/** Repository-relative, forward slashes, whatever the platform. */
export function relativePath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

export function isInside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function problem(file: string, rule: string, message: string, hint?: string): Diagnostic {
  return diagnostic({ severity: 'error', file, line: 0, column: 0, pointer: '', rule, message, hint });
}

/** Reads one file the repository owns: regular, inside the root, not too large. */
export async function readRepoFile(root: string, abs: string): Promise<InputFile> {
  return readRepoFileSync(root, abs);
}

/**
 * readRepoFile without the thread pool. Job files are small and many: read one by one through
 * libuv's pool, a thousand of them cost ~10x the CPU of plain synchronous reads (~110 ms vs
 * ~12 ms; the event loop waits ~10 ms per thousand files, which the controller can afford).
 * One open, one fstat of that descriptor, a read, a close: what is checked is what is read.
 */
function readRepoFileSync(root: string, abs: string, knownReal?: string): InputFile {
  const rel = relativePath(root, abs);
  let real: string;
  try {
    real = knownReal ?? realpathSync.native(abs);
  } catch {
    return {
      path: rel,
      problem: problem(rel, 'file/unreadable', 'cannot resolve the file (a broken symlink?)'),
    };
  }
  if (!isInside(root, real))
    return {
      path: rel,
      problem: problem(
        rel,
        'file/outside-repo',
        'the file is a symlink to a place outside the repository',
        'manifests must live in the repository; copy the file in instead of linking it',
      ),
    };
  let fd: number | undefined;
  try {
    // Non-blocking: opening a FIFO must not wait for a writer (it is refused just below).
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return { path: rel, problem: problem(rel, 'file/not-regular', 'not a regular file') };
    if (st.size > MAX_FILE_BYTES) return { path: rel, problem: tooLarge(rel, st.size) };
    // One byte more than the limit: a file that grew past it since the fstat is caught.
    const buffer = Buffer.allocUnsafe(Math.min(st.size + 1, MAX_FILE_BYTES + 1));
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, length);
    if (length > MAX_FILE_BYTES) return { path: rel, problem: tooLarge(rel, length) };
    return { path: rel, content: buffer.subarray(0, length) };
  } catch (err) {
    return {
      path: rel,
      problem: problem(
        rel,
        'file/unreadable',
        `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      ),
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * *.yaml and *.yml under `dir`, recursively, sorted by path. Names starting with "." and
 * node_modules are skipped (editor backups, tool state). `exclude` keeps berth.yaml out
 * when jobsDir is the root.
 */
export async function discoverJobFiles(
  root: string,
  dir: string,
  exclude: ReadonlySet<string>,
): Promise<Discovery> {
  const out: Discovery = { files: [], diagnostics: [] };
  const found: string[] = [];
  /** Real paths already known: a plain file (no symlink) in a directory whose real path is known. */
  const realOf = new Map<string, string>();
  const visited = new Set<string>();
  const walk = async (abs: string, depth: number): Promise<void> => {
    const real = await realpath(abs);
    if (visited.has(real)) return;
    visited.add(real);
    if (depth > MAX_DIR_DEPTH) {
      out.diagnostics.push(
        problem(
          relativePath(root, abs),
          'file/too-deep',
          `directories nested deeper than ${MAX_DIR_DEPTH} levels are not searched`,
        ),
      );
      return;
    }
    const entries = (await readdir(abs, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = path.join(abs, name);
      try {
        // The directory listing already says what most entries are: no lstat for them.
        if (entry.isFile()) {
          if (MANIFEST.test(name)) {
            found.push(child);
            realOf.set(child, path.join(real, name));
          }
        } else if (entry.isDirectory()) await walk(child, depth + 1);
        else await visitEntry(child, name, depth);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'error';
        out.diagnostics.push(problem(relativePath(root, child), 'file/unreadable', `cannot read: ${code}`));
      }
      if (found.length > MAX_FILES) {
        out.diagnostics.push(
          problem(
            relativePath(root, dir),
            'file/too-many',
            `more than ${MAX_FILES} manifest files`,
            'is jobsDir pointing at the right directory?',
          ),
        );
        return;
      }
    }
  };
  const visitEntry = async (child: string, name: string, depth: number): Promise<void> => {
    const st = await lstat(child);
    if (!st.isSymbolicLink()) {
      if (st.isDirectory()) await walk(child, depth + 1);
      else if (MANIFEST.test(name)) found.push(child);
      return;
    }
    let target: string;
    try {
      target = await realpath(child);
    } catch {
      // dangling: readRepoFile reports it if it would have been a manifest
      if (MANIFEST.test(name)) found.push(child);
      return;
    }
    const isDir = (await stat(target)).isDirectory();
    if (!isInside(root, target)) {
      if (isDir || MANIFEST.test(name))
        out.diagnostics.push(
          problem(
            relativePath(root, child),
            'file/outside-repo',
            'symlink to a place outside the repository',
            'manifests must live in the repository',
          ),
        );
      return;
    }
    if (isDir) await walk(child, depth + 1);
    else if (MANIFEST.test(name)) found.push(child);
  };
  try {
    await walk(dir, 0);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    out.diagnostics.push(
      problem(relativePath(root, dir), 'file/unreadable', `cannot read the jobs directory: ${code}`),
    );
  }
  const files = found.slice(0, MAX_FILES).filter((f) => !exclude.has(relativePath(root, f)));
  files.sort((a, b) => (relativePath(root, a) < relativePath(root, b) ? -1 : 1));
  // A name with ESC or a line break would be an instruction to every terminal that prints it.
  // The file is still read (its jobs must not be pruned), but it is invalid until renamed.
  for (const f of files) {
    const rel = relativePath(root, f);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f]/.test(rel))
      out.diagnostics.push(
        problem(
          rel,
          'file/name',
          'the file name holds a control character (a line break, ESC, …)',
          'rename the file: names of manifests are plain text',
        ),
      );
  }
  for (const f of files) out.files.push(readRepoFileSync(root, f, realOf.get(f)));
  return out;
}
