// The image's entry point (scripts/container-start.sh) sizes V8's old space from the container's
// memory limit (cgroup v2, then v1), leaves it to V8 without a limit, and never overrides an
// operator's own --max-old-space-size. Run with `node -p` as "main" so it prints what it exports.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve('scripts/container-start.sh');
const MiB = 2 ** 20;
let dir: string | undefined;

function optionsWith(files: Record<string, string>, nodeOptions?: string): string {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-cgroup-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return execFileSync('sh', [SCRIPT, 'process.env.NODE_OPTIONS ?? ""'], {
    env: {
      PATH: process.env.PATH ?? '',
      BERTH_CGROUP_DIR: dir,
      BERTH_MAIN: '-p',
      ...(nodeOptions !== undefined ? { NODE_OPTIONS: nodeOptions } : {}),
    },
  })
    .toString()
    .trim();
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('container-start.sh', () => {
  it('gives the old space three quarters of (cgroup v2 memory.max - 64 MiB)', () => {
    expect(optionsWith({ 'memory.max': `${512 * MiB}\n` }, '--max-semi-space-size=2')).toBe(
      '--max-semi-space-size=2 --max-old-space-size=336',
    );
    expect(optionsWith({ 'memory.max': `${1024 * MiB}\n` })).toBe('--max-old-space-size=720');
  });

  it('reads cgroup v1 when there is no v2 file, and keeps a floor of 64 MiB', () => {
    expect(optionsWith({ 'memory/memory.limit_in_bytes': `${2048 * MiB}\n` })).toBe(
      '--max-old-space-size=1488',
    );
    expect(optionsWith({ 'memory.max': `${96 * MiB}\n` })).toBe('--max-old-space-size=64');
  });

  it('leaves the heap to V8 without a limit, and an explicit --max-old-space-size alone', () => {
    expect(optionsWith({ 'memory.max': 'max\n' }, '--max-semi-space-size=2')).toBe('--max-semi-space-size=2');
    expect(optionsWith({ 'memory/memory.limit_in_bytes': '9223372036854771712\n' })).toBe('');
    expect(optionsWith({})).toBe('');
    expect(optionsWith({ 'memory.max': `${512 * MiB}\n` }, '--max-old-space-size=200')).toBe(
      '--max-old-space-size=200',
    );
  });
});
