// Finished runs already counted in the run metrics, so that a run read again (from ECS and from
// the feed, a dead-letter message read without deleting it, a run the history trimmed and a
// source hands back) is counted once. A run is remembered only while a source can still hand it
// back: ECS forgets a stopped task within hours, the feed's messages are deleted once read (or
// expire with the queue's retention), and a dead-letter message lives at most SQS's longest
// retention, 14 days. A run that ended before that window is neither counted nor remembered.

/** SQS's longest message retention (14 days), plus an hour for clocks that disagree. */
export const COUNT_WINDOW_MS = 14 * 24 * 3_600_000 + 3_600_000;

export class CountedRuns {
  /** Run key → when the run ended (ms). */
  private readonly ended = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly windowMs: number = COUNT_WINDOW_MS) {}

  /** true the first time a run is offered within the window (count it); false otherwise. */
  first(key: string, endedAt: number, now: number): boolean {
    const from = now - this.windowMs;
    this.sweep(from, now);
    if (endedAt < from || this.ended.has(key)) return false;
    this.ended.set(key, endedAt);
    return true;
  }

  get size(): number {
    return this.ended.size;
  }

  /** Forgets runs older than the window; at most every 1/16 window, so adding stays O(1). */
  private sweep(from: number, now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.windowMs / 16;
    for (const [key, at] of this.ended) if (at < from) this.ended.delete(key);
  }
}
