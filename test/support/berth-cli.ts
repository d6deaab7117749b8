// Runs the built berth CLI (dist/src/main.js) as a child process, as users and CI do.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const BERTH_BIN = path.resolve('dist/src/main.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/**
 * The suite is meant to run on Node 22+ (`npm test` switches to it). Run directly on an older
 * Node, the AWS SDK's upgrade notice would land in every child's stderr and break assertions on
 * it; only then is it silenced, here in the harness, never in berth.
 */
const OLD_NODE_ENV: Record<string, string> =
  Number(process.versions.node.split('.')[0]) < 22
    ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
    : {};

export function startBerth(args: string[], env: Record<string, string>, cwd?: string): RunningCli {
  const child = spawn(process.execPath, [BERTH_BIN, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NO_COLOR: '1',
      ...OLD_NODE_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runBerth(args: string[], env: Record<string, string>, cwd?: string): Promise<CliResult> {
  return startBerth(args, env, cwd).done;
}
