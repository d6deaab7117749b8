// Files shipped in the package next to the code (schemas, example workflows), found from the
// built output (dist/src/init) or the sources (src/init) alike.
import { readFile } from 'node:fs/promises';

const ROOTS = ['../../../', '../../'];

export async function readPackageFile(rel: string): Promise<string> {
  let last: unknown;
  for (const root of ROOTS) {
    try {
      return await readFile(new URL(root + rel, import.meta.url), 'utf8');
    } catch (err) {
      last = err;
    }
  }
  throw last;
}
