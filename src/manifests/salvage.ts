// Job names from a file that could not be parsed properly. Those jobs must not be
// pruned just because their manifest is broken, so the names are worth a best guess.
import { isMapping } from './header.js';

export function nameOf(value: unknown): string | undefined {
  if (!isMapping(value) || !isMapping(value.metadata)) return undefined;
  const name = value.metadata.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** `metadata:` at the left margin followed by an indented `name:`, line by line. */
export function salvageNames(text: string): string[] {
  const names: string[] = [];
  let inMetadata = false;
  for (const line of text.split(/\r?\n/, 100_000)) {
    if (/^metadata:\s*(#.*)?$/.test(line)) inMetadata = true;
    else if (/^\S/.test(line)) inMetadata = false;
    else if (inMetadata) {
      const m = /^\s+name:\s*(["']?)([A-Za-z0-9_.-]{1,255})\1\s*(#.*)?$/.exec(line);
      if (m) {
        names.push(m[2]!);
        inMetadata = false;
      }
    }
  }
  return names;
}
