// One measured run of a tool as a child process: wall time from spawn to exit, the AWS calls the
// counting proxy saw meanwhile (every HTTP attempt, retries included, by service:Operation), and,
// where /usr/bin/time exists, the child's own CPU time and peak RSS: on a shared machine CPU time
// is the steadier figure, since wall time also counts the waits for a core.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BERTH_BIN } from '../test/support/berth-cli.js';
import { awsEquivalent, type ListingSizes } from './aws-equivalent.js';
import type { Meter } from './context.js';

export interface Sample {
  wallMs: number;
  calls: Record<string, number>;
  /** calls with listings re-counted as AWS pages them (see aws-equivalent.ts). */
  awsEq: Record<string, number>;
  /** Other figures of this run (CPU time, RSS, detection latency, …). */
  extra?: Record<string, number>;
}

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** user + system CPU of the child, and its peak RSS (from /usr/bin/time). */
  cpuMs?: number;
  maxRssMb?: number;
}

export class ToolFailed extends Error {
  constructor(what: string, run: ProcessRun) {
    const tail = (run.stderr || run.stdout).trim().split('\n').slice(-6).join('\n');
    super(`${what} exited with ${run.code}: ${tail}`);
  }
}

/** Runs `start` with the proxy's counts reset first; throws when the exit code is not accepted. */
export async function measured(
  what: string,
  proxy: Meter,
  sizes: ListingSizes,
  start: () => Promise<ProcessRun>,
  okCodes: readonly number[] = [0],
): Promise<Sample & { run: ProcessRun }> {
  proxy.reset();
  const t0 = performance.now();
  const run = await start();
  const wallMs = performance.now() - t0;
  if (!okCodes.includes(run.code ?? -1)) throw new ToolFailed(what, run);
  const calls = proxy.counts();
  const extra: Record<string, number> = {};
  if (run.cpuMs !== undefined) extra.cpuMs = run.cpuMs;
  if (run.maxRssMb !== undefined) extra.maxRssMb = run.maxRssMb;
  // Requests the realistic proxy answered with ThrottlingException (retried ones count again).
  if (proxy.throttled) extra.throttled = proxy.throttled();
  return {
    wallMs,
    calls,
    awsEq: awsEquivalent(calls, sizes, proxy.familyListings?.() ?? 0),
    run,
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

/** The built CLI, `node dist/src/main.js …`, as users run it. */
export function berthCli(args: string[], env: Record<string, string>): Promise<ProcessRun> {
  return runProcess(process.execPath, [BERTH_BIN, ...args], env);
}

const TIME = '/usr/bin/time';

export async function runProcess(
  bin: string,
  args: string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<ProcessRun> {
  const timed = existsSync(TIME);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-bench-run-'));
  const timeFile = path.join(dir, 'time');
  // stdout goes to a file, not a pipe: berth ends with process.exit(), which drops whatever a
  // pipe has not taken yet (a 1,000-job plan as JSON came through cut at 128 KiB; see RESULTS.md).
  const outFile = path.join(dir, 'stdout');
  const out = await open(outFile, 'w');
  const [cmd, argv] = timed ? [TIME, ['-f', '%U %S %M', '-o', timeFile, bin, ...args]] : [bin, args];
  try {
    const run = await new Promise<ProcessRun>((resolve, reject) => {
      const child = spawn(cmd, argv, {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env },
        stdio: ['ignore', out.fd, 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: '', stderr }));
    });
    run.stdout = await readFile(outFile, 'utf8');
    if (timed) Object.assign(run, await timeFigures(timeFile));
    return run;
  } finally {
    await out.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The last line /usr/bin/time wrote: "user system maxrss-KiB" (a line before it says when the child failed). */
async function timeFigures(file: string): Promise<Pick<ProcessRun, 'cpuMs' | 'maxRssMb'>> {
  try {
    const last = (await readFile(file, 'utf8')).trim().split('\n').at(-1) ?? '';
    const [user, sys, rss] = last.split(' ').map(Number);
    return {
      ...(Number.isFinite(user) && Number.isFinite(sys) ? { cpuMs: (user! + sys!) * 1000 } : {}),
      ...(Number.isFinite(rss) ? { maxRssMb: rss! / 1024 } : {}),
    };
  } catch {
    // No figures: wall time and calls still stand.
    return {};
  }
}
