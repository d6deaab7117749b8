// The peer tool, ecschedule (Go), pinned. It is installed with the Go toolchain into a cache
// outside the repository (never committed): `go install …@VERSION` with GOBIN there. A binary
// already in place (or named by ECSCHEDULE_BIN) is used as it is.
import { execFile } from 'node:child_process';
import { access, constants, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PeerInfo } from './results.js';

const run = promisify(execFile);

export const ECSCHEDULE_MODULE = 'github.com/Songmu/ecschedule/cmd/ecschedule';
export const ECSCHEDULE_VERSION = 'v0.20.0';

export function peerBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'berth-bench', 'bin');
}

export async function locatePeer(install: boolean): Promise<PeerInfo & { bin?: string }> {
  const bin = process.env.ECSCHEDULE_BIN || path.join(peerBinDir(), 'ecschedule');
  if (!(await executable(bin))) {
    if (!install)
      return {
        tool: 'ecschedule',
        available: false,
        reason: `not installed at ${bin} (pass --install-peer)`,
      };
    const failed = await goInstall();
    if (failed) return { tool: 'ecschedule', available: false, reason: failed };
  }
  try {
    const { stdout, stderr } = await run(bin, ['-version']);
    return { tool: 'ecschedule', available: true, bin, version: (stdout || stderr).trim() };
  } catch (err) {
    return { tool: 'ecschedule', available: false, reason: `${bin} -version failed: ${String(err)}` };
  }
}

/** undefined when installed; otherwise why not. */
async function goInstall(): Promise<string | undefined> {
  const dir = peerBinDir();
  await mkdir(dir, { recursive: true });
  try {
    await run('go', ['install', `${ECSCHEDULE_MODULE}@${ECSCHEDULE_VERSION}`], {
      env: { ...process.env, GOBIN: dir },
      timeout: 15 * 60_000,
    });
    return undefined;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const why = (e.stderr || e.message).trim().split('\n').filter(Boolean).slice(-2).join(' ');
    return `go install ${ECSCHEDULE_MODULE}@${ECSCHEDULE_VERSION} failed: ${why}`;
  }
}

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
