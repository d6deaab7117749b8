// Fake time for loop tests: sleeps resolve only when the test advances the clock.
import type { Clock } from '../../../src/run/clock.js';

interface Timer {
  at: number;
  resolve: () => void;
}

/** Lets pending promise chains (and setImmediate callbacks) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

export class FakeClock implements Clock {
  private t = 0;
  private timers: Timer[] = [];

  now = (): number => this.t;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        resolve();
      };
      // A timer that fires drops its abort listener, as systemClock does (no listener pile-up).
      const timer: Timer = {
        at: this.t + ms,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** Moves time forward, waking sleepers in order and letting each wake-up's work run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = next.at;
      next.resolve();
    }
    this.t = end;
    await settle();
  }

  pending(): number {
    return this.timers.length;
  }
}
