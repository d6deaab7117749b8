// The package version, read once from package.json next to the built output.
import { readFileSync } from 'node:fs';

/** The npm package (the command is `berth`; the registry's `berth` is someone else's placeholder). */
export const PACKAGE_NAME = 'berthctl';

function findVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    } catch {
      /* try the next candidate */
    }
  }
  return '0.0.0';
}

export const VERSION = findVersion();

/** Sent with every AWS request (clientConfig's customUserAgent): CloudTrail shows berth's version. */
export const USER_AGENT = `berth/${VERSION}`;
