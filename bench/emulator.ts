// The local AWS emulator the benchmark measures against: the project's pinned moto server
// (scripts/emulator.sh), started on a free loopback port, or one already running (--endpoint).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Emulator {
  endpoint: string;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmulator(root: string, existing?: string): Promise<Emulator> {
  if (existing) return { endpoint: existing, reset: () => reset(existing), stop: async () => undefined };
  const { stdout } = await run('bash', ['scripts/emulator.sh', 'start'], { cwd: root });
  const [port, pid] = stdout.trim().split(/\s+/).map(Number);
  if (!port || !pid) throw new Error(`emulator did not start: ${stdout}`);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    reset: () => reset(endpoint),
    stop: async () => {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

async function reset(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`emulator reset failed: HTTP ${res.status}`);
}

export async function emulatorVersions(root: string): Promise<{ python: string; moto: string }> {
  const { stdout: py } = await run('bash', ['scripts/emulator.sh', 'python'], { cwd: root });
  const { stdout } = await run(py.trim(), [
    '-c',
    'import sys, moto; print(sys.version.split()[0], moto.__version__)',
  ]);
  const [python = '?', moto = '?'] = stdout.trim().split(' ');
  return { python, moto };
}
