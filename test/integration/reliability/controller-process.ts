// `berth controller` (the built CLI) as a child process following a git repository, and the
// two things the crash test asks of it: its log lines as they come, and "has it synced X yet".
import { createServer } from 'node:net';
import os from 'node:os';
import type { ControllerStatus } from '../../../src/controller/status.js';
import { startBerth, type RunningCli } from '../../support/berth-cli.js';
import { emulatorEnv } from '../../support/emulator.js';

export interface ControllerProcess {
  cli: RunningCli;
  pid: number;
  base: string;
  exited: boolean;
  /** stdout (JSON log lines) so far. */
  log: string[];
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Polls the remote every 250 ms; resync is off (1h), so an idle controller makes no AWS call. */
export async function launchController(opts: {
  repoUrl: string;
  workdir: string;
  awsEndpoint: string;
  onLine?: (line: string) => void;
  /** Extra environment (e.g. BERTH_RATE_LIMITS=off for tests of many jobs). */
  env?: Record<string, string>;
}): Promise<ControllerProcess> {
  const port = await freePort();
  const args = ['controller', '--repo', opts.repoUrl, '--workdir', opts.workdir];
  args.push('--listen', `127.0.0.1:${port}`, '--interval', '250ms', '--resync', '1h');
  const cli = startBerth(args, { ...emulatorEnv(opts.awsEndpoint), ...opts.env }, os.tmpdir());
  const ctl: ControllerProcess = {
    cli,
    pid: cli.child.pid ?? 0,
    base: `http://127.0.0.1:${port}`,
    exited: false,
    log: [],
  };
  cli.child.stdout?.on('data', (c: Buffer) => {
    for (const line of c.toString().split('\n').filter(Boolean)) {
      ctl.log.push(line);
      opts.onLine?.(line);
    }
  });
  void cli.done.then(() => (ctl.exited = true));
  return ctl;
}

async function status(ctl: ControllerProcess): Promise<ControllerStatus | undefined> {
  try {
    const res = await fetch(`${ctl.base}/api/status`);
    return res.ok ? ((await res.json()) as ControllerStatus) : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves true once a cycle synced `head` without error, false if the process died first. */
export async function synced(ctl: ControllerProcess, head: string, timeoutMs = 45_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!ctl.exited) {
    const s = await status(ctl);
    // The cycle's own summary: the top-level reconciledRevision moves as soon as a cycle starts.
    if (s?.lastCycle?.outcome === 'synced' && s.lastCycle.reconciledRevision === head) return true;
    if (Date.now() > end)
      throw new Error(
        `no sync of ${head} in ${timeoutMs} ms; status ${JSON.stringify(s)}\n${ctl.log.slice(-15).join('\n')}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
