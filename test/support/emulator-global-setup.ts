// Starts the local AWS emulator (moto server, pinned in scripts/emulator.sh) once for the
// integration project, on a free loopback port, and hands its endpoint to the tests.
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';

let pid: number | undefined;

export default function setup(project: TestProject): () => void {
  const out = execFileSync('bash', ['scripts/emulator.sh', 'start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [port, p] = out.trim().split(/\s+/);
  pid = Number(p);
  project.provide('emulatorEndpoint', `http://127.0.0.1:${port}`);
  return () => {
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorEndpoint: string;
  }
}
