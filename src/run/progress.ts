// Backfill progress on stderr: a line per window as it starts and ends; on a terminal the
// end lines scroll above one status line that is redrawn in place.
import type { BackfillEvent } from './backfill.js';
import type { Clock } from './clock.js';
import { formatElapsed } from './duration.js';
import { formatWindowResult, windowLabel } from './format-backfill.js';

export interface ProgressSink {
  write(text: string): void;
}

const CLEAR_LINE = '\r\x1b[K';

export class BackfillProgress {
  private done = 0;
  private failed = 0;
  private running = 0;
  private readonly began: number;

  constructor(
    private readonly out: ProgressSink,
    private readonly tty: boolean,
    private readonly clock: Clock,
    private readonly total: number,
  ) {
    this.began = clock.now();
  }

  event(e: BackfillEvent): void {
    if (e.kind === 'started') {
      this.running++;
      if (!this.tty) this.line(`${windowLabel(e.window)}  started  ${e.taskArns.join(' ')}`);
      else this.redraw();
      return;
    }
    this.done++;
    if (e.kind === 'skipped') return this.line(`${windowLabel(e.window)}  Skipped (succeeded before)`);
    if (e.result.status !== 'FailedToStart' || e.result.taskArns.length > 0) this.running--;
    if (e.result.status !== 'Succeeded' && e.result.status !== 'Started') this.failed++;
    this.line(formatWindowResult(e.result));
  }

  /** Redraws the status line (a terminal only): called on a timer so elapsed time moves. */
  tick(): void {
    if (this.tty) this.redraw();
  }

  /** Clears the status line before the summary is printed. */
  finish(): void {
    if (this.tty) this.out.write(CLEAR_LINE);
  }

  status(): string {
    const elapsed = formatElapsed(this.clock.now() - this.began);
    return `${this.done}/${this.total} done, ${this.running} running, ${this.failed} not succeeded, elapsed ${elapsed}`;
  }

  private line(text: string): void {
    if (!this.tty) return this.out.write(`${text}\n`);
    this.out.write(`${CLEAR_LINE}${text}\n${this.status()}`);
  }

  private redraw(): void {
    this.out.write(`${CLEAR_LINE}${this.status()}`);
  }
}
