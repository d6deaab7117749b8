// Blob contents by object id, all in one `git cat-file --batch` process. One process instead of
// one `git show` per file keeps a repository of thousands of manifests quick, and the bytes come
// out exactly as committed (cat-file runs no filters, no text conversion). simple-git offers no
// way to feed a process's stdin, hence the plain spawn.
import { spawn } from 'node:child_process';
import { BerthError } from '../model/errors.js';

export async function readBlobs(cwd: string, oids: readonly string[]): Promise<Map<string, Buffer>> {
  if (oids.length === 0) return new Map();
  const output = await runBatch(cwd, oids.join('\n') + '\n');
  return parseBatch(output, oids);
}

function runBatch(cwd: string, input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (err) => reject(new BerthError('Git', 'cannot run git cat-file', { cause: err })));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new BerthError('Git', `git cat-file failed (exit ${code}): ${stderr.trim()}`));
    });
    child.stdin.end(input);
  });
}

/**
 * The environment without GIT_* variables (GIT_DIR from a hook, say), as simple-git runs the
 * other commands: every git call then reads the same repository.
 */
function gitEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
}

/** Each answer is "<oid> <type> <size>\n<content>\n", or "<oid> missing\n". */
function parseBatch(out: Buffer, oids: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let at = 0;
  for (const oid of oids) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) throw new BerthError('Git', `git cat-file gave no answer for ${oid}`);
    const [name, type, size] = out.subarray(at, eol).toString('utf8').split(' ');
    if (type === 'missing' || size === undefined)
      throw new BerthError('Git', `object ${name ?? oid} is missing from the repository`, {
        hint: 'the clone may be shallow or partial; fetch the full history',
      });
    const start = eol + 1;
    const end = start + Number(size);
    blobs.set(oid, out.subarray(start, end));
    at = end + 1;
  }
  return blobs;
}
