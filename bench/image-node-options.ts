// The Node options the controller image runs with (Dockerfile ENV NODE_OPTIONS): the bench runs
// the controller as shipped, so its memory figures are the image's.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export async function imageNodeOptions(root: string): Promise<string> {
  const dockerfile = await readFile(path.join(root, 'Dockerfile'), 'utf8');
  const m = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile);
  if (!m) throw new Error('Dockerfile sets no NODE_OPTIONS');
  return m[1]!;
}
