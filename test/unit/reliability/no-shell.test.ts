// "No shell": berth runs no command built from manifest content. The only program it starts is
// git, from three files in src/source, without a shell, with arguments that are literals or
// values that cannot be read as options. This test reads src/ and fails when that changes:
// a new child process, a shell, dynamic code, or a git argument that could start with "-"
// must be looked at (and, when it is safe, named below with the reason).
import { readdirSync, readFileSync } from 'node:fs';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitSource } from '../../../src/source/git-source.js';

const SRC = path.resolve(import.meta.dirname, '../../../src');

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

const files = sources().map((p) => ({
  rel: path.relative(SRC, p).split(path.sep).join('/'),
  text: readFileSync(p, 'utf8'),
}));
const importing = (pattern: RegExp) =>
  files
    .filter((f) => pattern.test(f.text))
    .map((f) => f.rel)
    .sort();

/** Files allowed to start processes, and why. */
const CHILD_PROCESS = ['source/blob-reader.ts']; // one `git cat-file --batch` fed on stdin
const SIMPLE_GIT = ['source/git-source.ts', 'source/git-tree.ts', 'source/revision.ts'];

/**
 * Non-literal git arguments that are not behind --end-of-options, and why none can be an option.
 * Anything else must come after '--end-of-options' (or be a template starting with a fixed text).
 */
const SAFE_ARGUMENTS: Record<string, string> = {
  sha: 'a commit id git itself printed (rev-parse of a berth-owned ref)',
  ancestor: 'a commit id from ls-remote or an earlier sync',
  descendant: 'a commit id from ls-remote or an earlier sync',
  treeish: '`${commit}:${prefix}` where commit passed resolveCommit (40–64 hex digits)',
  FETCHED_REF: "a constant, 'refs/berth/head'",
  'this.remote.url':
    "the operator's repository URL (flag or environment); simple-git refuses --upload-pack and git the ext:: transport",
  'this.opts.url':
    "the operator's repository URL (flag or environment); simple-git refuses --upload-pack and git the ext:: transport",
};

/** The elements of the array literal that starts at `open` ("["), split at top-level commas. */
function arrayElements(text: string, open: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) - 1;
    else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      depth--;
      if (depth === 0) {
        out.push(text.slice(start, i));
        break;
      }
    } else if (ch === ',' && depth === 1) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return out.map((e) => e.replace(/\/\/.*$/gm, '').trim()).filter((e) => e !== '');
}

/** Every git call made through simple-git with an argument list: raw([...]) and listRemote([...]). */
function gitCalls(texts = files): { where: string; method: string; args: string[] }[] {
  const calls: { where: string; method: string; args: string[] }[] = [];
  for (const f of texts)
    for (const m of f.text.matchAll(/\.(raw|listRemote)\(\s*\[/g)) {
      const line = f.text.slice(0, m.index).split('\n').length;
      calls.push({
        where: `${f.rel}:${line}`,
        method: m[1]!,
        args: arrayElements(f.text, m.index + m[0].length - 1),
      });
    }
  return calls;
}

/** Arguments that could be read as an option: not literal, not behind --end-of-options, not known safe. */
function unsafeArguments(calls: ReturnType<typeof gitCalls>): string[] {
  const unsafe: string[] = [];
  for (const { where, method, args } of calls) {
    // listRemote supplies the subcommand itself; raw starts with one.
    const [first, ...rest] = method === 'raw' ? args : ["'ls-remote'", ...args];
    if (!/^'[a-z-]+'$/.test(first ?? '')) unsafe.push(`${where}: subcommand ${first}`);
    let afterEnd = false;
    for (const arg of rest) {
      if (arg === "'--end-of-options'") afterEnd = true;
      const literal = /^'[^']*'$/.test(arg) || /^\.\.\.\(\w+ \? \['[^'`$]*'\] : \[\]\)$/.test(arg);
      // A template with fixed leading text ("refs/heads/…", "+refs/…") is never an option.
      const fixedStart = /^`[^$`-]/.test(arg);
      if (literal || fixedStart || afterEnd || arg in SAFE_ARGUMENTS) continue;
      unsafe.push(`${where}: ${arg}`);
    }
  }
  return unsafe;
}

describe('no shell', () => {
  it('only the allowed files import child_process or simple-git', () => {
    expect(importing(/from ['"](node:)?child_process['"]|require\(['"](node:)?child_process['"]\)/)).toEqual(
      CHILD_PROCESS,
    );
    expect(importing(/from ['"]simple-git['"]/)).toEqual(SIMPLE_GIT);
  });

  it('child processes are spawned without a shell: spawn of a literal program, never exec', () => {
    for (const f of files.filter((x) => CHILD_PROCESS.includes(x.rel))) {
      expect(f.text).not.toMatch(/\b(exec|execSync|execFileSync|spawnSync|fork)\b/);
      for (const m of f.text.matchAll(/\bspawn\(\s*([^,]+),/g)) expect(m[1]).toBe("'git'");
    }
    for (const f of files) {
      expect(f.text, f.rel).not.toMatch(/shell\s*:\s*(true|['"`])/);
      expect(f.text, f.rel).not.toMatch(/\beval\(|new Function\(/);
    }
  });

  it('every git argument is a literal, follows --end-of-options, or cannot start with "-"', () => {
    const calls = gitCalls();
    expect(calls.length).toBeGreaterThan(5);
    expect(unsafeArguments(calls)).toEqual([]);
  });

  it('the scan itself finds an argument that could be an option', () => {
    const text = [
      "await git.raw(['log', ref]);",
      "await git.raw(['log', '--end-of-options', ref]);",
      "await git.raw([\n  'fetch', // a comment, with a comma\n  `${branch}`,\n  `refs/heads/${branch}`,\n]);",
      "await git.listRemote([url, 'x']);",
      'await git.raw([cmd]);',
    ].join('\n');
    expect(unsafeArguments(gitCalls([{ rel: 'x.ts', text }]))).toEqual([
      'x.ts:1: ref',
      'x.ts:3: `${branch}`',
      'x.ts:8: url',
      'x.ts:9: subcommand cmd',
    ]);
  });

  it('manifest content never reaches a git call: no argument comes from manifests or desired state', () => {
    for (const { where, args } of gitCalls())
      for (const arg of args) expect(arg, where).not.toMatch(/manifest|spec\.|metadata|desired|job\b/i);
  });
});

describe('hostile repository URLs and branches (operator input) run nothing', () => {
  it.each([
    ['--upload-pack=touch PWNED', 'main'],
    ['ext::sh -c touch% PWNED', 'main'],
    ['file:///nonexistent', '--upload-pack=touch PWNED'],
    ['-c core.sshCommand=touch PWNED', 'main'],
  ])('url %j, branch %j', async (url, branch) => {
    const work = mkdtempSync(path.join(tmpdir(), 'berth-noshell-'));
    const pwned = path.join(work, 'pwned');
    try {
      const source = () =>
        new GitSource({
          url: url.replace('PWNED', pwned),
          branch: branch.replace('PWNED', pwned),
          workdir: path.join(work, 'git'),
          timeoutMs: 20_000,
        });
      await expect(Promise.resolve().then(() => source().sync())).rejects.toThrow();
      expect(existsSync(pwned)).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
