// The manifests as they are at any git ref, without disturbing the working tree: the YAML files
// under the repository root at that commit are written to a temp dir, which the ordinary loader
// then reads like any checkout. Symlinks are never recreated (a link at a ref may point anywhere,
// outside the repository included) and no path may leave the temp dir.
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BerthError } from '../model/errors.js';
import { readBlobs } from './blob-reader.js';
import { gitAt, isRegularFile, isSymlink, listTree, resolveCommit, rootPrefix } from './git-tree.js';

/** The loader reads only YAML (berth.yaml and the job manifests). */
const MANIFEST = /\.ya?ml$/i;
/**
 * Above this a blob is not read at all: an empty file of the same size stands in, so the
 * loader rejects it by its size exactly as it would in a checkout.
 */
const MAX_READ_BYTES = 8 * 1024 * 1024;

export interface SkippedEntry {
  /** Relative to the repository root. */
  path: string;
  reason: 'symlink' | 'unsafe-path';
}

export interface RefTree {
  /** Temp dir holding the repository root as it is at the ref. */
  dir: string;
  ref: string;
  /** Full SHA of the commit the ref names. */
  commit: string;
  /** Entries that were not materialised, and why. */
  skipped: SkippedEntry[];
  /** Removes the temp dir. */
  dispose(): Promise<void>;
}

/** Materialises `ref`; the caller must dispose() the result (or use withRefTree). */
export async function materialiseRef(root: string, ref: string): Promise<RefTree> {
  const git = gitAt(root);
  const prefix = await rootPrefix(git, root);
  const commit = await resolveCommit(git, ref);
  const entries = await listTree(git, commit, prefix);

  const skipped: SkippedEntry[] = [];
  const wanted = entries.filter((e) => {
    if (isSymlink(e) && mayHoldManifests(e.path)) skipped.push({ path: e.path, reason: 'symlink' });
    if (!MANIFEST.test(e.path) || !isRegularFile(e)) return false;
    if (isSafePath(e.path)) return true;
    skipped.push({ path: e.path, reason: 'unsafe-path' });
    return false;
  });
  const toRead = wanted.filter((e) => e.size <= MAX_READ_BYTES).map((e) => e.oid);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-ref-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const blobs = await readBlobs(root, [...new Set(toRead)]);
    for (const e of wanted) {
      const file = path.join(dir, ...e.path.split('/'));
      // Defence in depth: isSafePath already refused anything that could resolve elsewhere.
      if (path.relative(dir, file).startsWith('..'))
        throw new BerthError('Git', `unsafe path ${e.path} at ${ref}`);
      await mkdir(path.dirname(file), { recursive: true });
      const blob = blobs.get(e.oid);
      if (blob) await writeFile(file, blob, { flag: 'wx' });
      else {
        await writeFile(file, '', { flag: 'wx' });
        await truncate(file, e.size);
      }
    }
  } catch (err) {
    await dispose();
    throw err instanceof BerthError ? err : new BerthError('Git', `cannot read ${ref}`, { cause: err });
  }
  return { dir, ref, commit, skipped, dispose };
}

/** Runs fn on the tree at `ref` and removes the temp dir afterwards, whatever happens. */
export async function withRefTree<T>(
  root: string,
  ref: string,
  fn: (tree: RefTree) => Promise<T>,
): Promise<T> {
  const tree = await materialiseRef(root, ref);
  try {
    return await fn(tree);
  } finally {
    await tree.dispose();
  }
}

/** A YAML link, or one without an extension: likely a directory, perhaps the jobs directory. */
function mayHoldManifests(p: string): boolean {
  return MANIFEST.test(p) || !path.posix.basename(p).includes('.');
}

/** Plain relative segments only: no "..", ".", empty or ".git" segment, nothing absolute. */
export function isSafePath(p: string): boolean {
  if (p === '' || p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && s.toLowerCase() !== '.git');
}
