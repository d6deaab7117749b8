// The Node options the controller image runs with: the Dockerfile's ENV NODE_OPTIONS plus the
// heap its start script (scripts/container-start.sh) gives for a container memory limit. The
// bench runs the script itself (against a fake cgroup directory) so its figures are the image's.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { heapNeeded } from '../src/config/memory.js';

const MiB = 2 ** 20;

export async function imageNodeOptions(root: string, containerMiB: number): Promise<string> {
  const dockerfile = await readFile(path.join(root, 'Dockerfile'), 'utf8');
  const m = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile);
  if (!m) throw new Error('Dockerfile sets no NODE_OPTIONS');
  const cgroup = await mkdtemp(path.join(tmpdir(), 'berth-bench-cgroup-'));
  try {
    await writeFile(path.join(cgroup, 'memory.max'), `${containerMiB * MiB}\n`);
    // The script ends in `exec node "$BERTH_MAIN" "$@"`: with -p as "main", node prints the
    // NODE_OPTIONS the script exported instead of starting berth.
    const { stdout } = await promisify(execFile)(
      'sh',
      [path.join(root, 'scripts/container-start.sh'), 'process.env.NODE_OPTIONS'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_OPTIONS: m[1]!,
          BERTH_CGROUP_DIR: cgroup,
          BERTH_MAIN: '-p',
        },
      },
    );
    return stdout.trim();
  } finally {
    await rm(cgroup, { recursive: true, force: true });
  }
}

/**
 * The container limit the bench gives a controller of `jobs` jobs: the smallest of 512 MiB,
 * 1 GiB, 2 GiB, … whose heap (the script's three quarters of the limit less 64 MiB) holds them
 * by config/memory.ts's estimate, as docs/performance.md tells operators to size it.
 */
export function containerMiBFor(jobs: number): number {
  let limit = 512;
  while ((limit - 64) * 0.75 * MiB < heapNeeded(jobs)) limit *= 2;
  return limit;
}
