// A token bucket of alerts (the dispatcher keeps one per environment): a burst of `burst`, then
// `perMinute` a minute. A storm of failures must not turn into a storm of messages (nor get
// berth's webhook disabled).

export class AlertRateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  tryTake(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 60_000) * this.perMinute);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
