// `berth controller` as a child process: its JSON log lines as they arrive (each stamped with
// the time it was read), waiting for a given line, and its memory from /proc.
import { readFile } from 'node:fs/promises';
import { startBerth, type RunningCli } from '../test/support/berth-cli.js';

export interface LogLine {
  msg?: string;
  [key: string]: unknown;
}

export interface Stamped {
  line: LogLine;
  /** performance.now() when the line was read. */
  at: number;
}

export class ControllerProcess {
  readonly startedAt = performance.now();
  private readonly lines: Stamped[] = [];
  private readonly waiters = new Set<() => void>();
  private buffer = '';
  private exited = false;

  private constructor(private readonly cli: RunningCli) {
    cli.child.stdout?.on('data', (c: Buffer) => this.onData(c.toString()));
    void cli.done.then(() => {
      this.exited = true;
      this.wake();
    });
  }

  static start(args: string[], env: Record<string, string>): ControllerProcess {
    return new ControllerProcess(startBerth(['controller', ...args], env));
  }

  get pid(): number {
    return this.cli.child.pid ?? 0;
  }

  /** The first line from index `from` on that `match` accepts; rejects on timeout or exit. */
  async waitFor(
    match: (l: LogLine) => boolean,
    from: number,
    timeoutMs: number,
  ): Promise<Stamped & { index: number }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < this.lines.length; i++)
        if (match(this.lines[i]!.line)) return { ...this.lines[i]!, index: i };
      if (this.exited) throw new Error(`controller exited: ${await this.tail()}`);
      const left = deadline - performance.now();
      if (left <= 0)
        throw new Error(`controller: no matching log line within ${timeoutMs} ms: ${await this.tail()}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(t);
          this.waiters.delete(wake);
          resolve();
        };
        const t = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  get count(): number {
    return this.lines.length;
  }

  /** Resident set now and its peak (VmHWM), in MiB. */
  async memory(): Promise<{ rssMb: number; peakMb: number }> {
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  }

  /** user + system CPU time of the process so far (from /proc/<pid>/stat, in clock ticks of 10 ms). */
  async cpuMs(): Promise<number> {
    const stat = await readFile(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  async stop(): Promise<number | null> {
    if (!this.exited) this.cli.child.kill('SIGTERM');
    return (await this.cli.done).code;
  }

  private onData(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const raw = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      try {
        this.lines.push({ line: JSON.parse(raw) as LogLine, at: performance.now() });
      } catch {
        this.lines.push({ line: { msg: raw }, at: performance.now() });
      }
    }
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private async tail(): Promise<string> {
    const out = this.lines.slice(-5).map((l) => JSON.stringify(l.line));
    if (this.exited) out.push((await this.cli.done).stderr.slice(-600));
    return out.join('\n');
  }
}
