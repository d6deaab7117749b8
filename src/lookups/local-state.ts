// A Terraform state file on disk, named relative to the repository root. It must stay inside
// the repository (a manifest under review must not make berth read files elsewhere on the
// machine), and is read with a size cap. The content never appears in a message.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const MAX_STATE_BYTES = 64 * 1024 * 1024;

export type LocalState = { ok: true; text: string } | { ok: false; message: string; hint?: string };

export async function readLocalState(root: string, location: string): Promise<LocalState> {
  const inside = 'a path relative to the repository root, inside it (or an s3://BUCKET/KEY state)';
  if (path.isAbsolute(location) || /^[A-Za-z]:/.test(location) || location.split(/[\\/]/).includes('..'))
    return {
      ok: false,
      message: `state file "${location}" is outside the repository`,
      hint: `write ${inside}`,
    };
  let real: string;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(path.join(realRoot, location));
  } catch {
    return {
      ok: false,
      message: `no state file ${location}`,
      hint: 'run terraform first, or name the state in its S3 backend (s3://BUCKET/KEY)',
    };
  }
  const rel = path.relative(realRoot, real);
  if (rel.startsWith('..') || path.isAbsolute(rel))
    return {
      ok: false,
      message: `state file "${location}" leads outside the repository (a symlink?)`,
      hint: `write ${inside}`,
    };
  const info = await stat(real);
  if (!info.isFile()) return { ok: false, message: `${location} is not a file` };
  if (info.size > MAX_STATE_BYTES)
    return { ok: false, message: `${location} is larger than ${MAX_STATE_BYTES} bytes` };
  return { ok: true, text: await readFile(real, 'utf8') };
}
