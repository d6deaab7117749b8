// Reading a commit's tree through git plumbing: resolve a ref to a commit, find where the
// repository root sits in the work tree, list the entries under it. Nothing here touches the
// working tree, the index or HEAD.
import { simpleGit, type SimpleGit } from 'simple-git';
import { BerthError } from '../model/errors.js';

export interface TreeEntry {
  /** Path relative to the listed directory, forward slashes, as git stores it. */
  path: string;
  /** 100644 / 100755 regular file, 120000 symlink, 160000 submodule. */
  mode: string;
  oid: string;
  /** Blob size in bytes (0 for anything that is not a blob). */
  size: number;
}

export const isRegularFile = (e: TreeEntry) => e.mode === '100644' || e.mode === '100755';
export const isSymlink = (e: TreeEntry) => e.mode === '120000';

/** simple-git rooted at `dir`, or a Git error when that is not a directory git can use. */
export function gitAt(dir: string): SimpleGit {
  try {
    return simpleGit({ baseDir: dir });
  } catch (err) {
    throw new BerthError('Git', `cannot run git in ${dir}`, { cause: err });
  }
}

/** The repository root's path inside the work tree ("" at the top, else "sub/dir"). */
export async function rootPrefix(git: SimpleGit, dir: string): Promise<string> {
  let prefix: string;
  try {
    prefix = (await git.revparse(['--show-prefix'])).trim();
  } catch (err) {
    throw new BerthError('Git', `${dir} is not inside a git repository`, {
      cause: err,
      hint: 'run berth in a clone of the repository (or point -C/--dir at one)',
    });
  }
  return prefix.replace(/\/+$/, '');
}

/**
 * The full SHA of the commit `ref` names. A ref is never taken for an option, and one that
 * does not exist (a branch never fetched, a typo) is a Git error saying how to get it.
 */
export async function resolveCommit(git: SimpleGit, ref: string): Promise<string> {
  if (ref.trim() === '' || ref.startsWith('-') || /[\0\n]/.test(ref))
    throw new BerthError('Git', `"${ref}" is not a git ref`, {
      hint: 'give a branch, tag or commit, e.g. --base origin/main',
    });
  try {
    const sha = (
      await git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
    ).trim();
    if (/^[0-9a-f]{40,64}$/.test(sha)) return sha;
  } catch {
    // rev-parse --quiet exits non-zero without a message: handled as "not found" below.
  }
  throw new BerthError('Git', `git ref "${ref}" does not name a commit in this repository`, {
    hint:
      'check the spelling, and fetch it first if it lives on a remote (git fetch origin main; ' +
      'in GitHub Actions, actions/checkout with fetch-depth: 0)',
  });
}

/**
 * Every entry below `prefix` in the commit, recursively (directories are implied by paths; paths
 * are relative to `prefix` whatever the current directory: hence --full-tree).
 * An empty list when the commit has no such directory: a revision from before the
 * repository moved, or before berth was added.
 */
export async function listTree(git: SimpleGit, commit: string, prefix: string): Promise<TreeEntry[]> {
  const treeish = `${commit}:${prefix}`;
  try {
    if ((await git.raw(['cat-file', '-t', treeish])).trim() !== 'tree') return [];
  } catch {
    return [];
  }
  let out: string;
  try {
    out = await git.raw(['ls-tree', '-r', '-z', '-l', '--full-tree', '--end-of-options', treeish]);
  } catch (err) {
    throw new BerthError('Git', `cannot list the files of ${commit}:${prefix || '.'}`, { cause: err });
  }
  return out
    .split('\0')
    .filter((line) => line !== '')
    .map(parseEntry);
}

/** "<mode> <type> <oid> <size>\t<path>", size right-aligned and "-" for non-blobs. */
function parseEntry(line: string): TreeEntry {
  const tab = line.indexOf('\t');
  const [mode = '', , oid = '', size = '-'] = line.slice(0, tab).trim().split(/\s+/);
  return { path: line.slice(tab + 1), mode, oid, size: size === '-' ? 0 : Number(size) };
}
