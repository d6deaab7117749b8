// Alerts leave the reconcile loop here: deduplicated, rate-limited, then delivered to every
// notifier in the background with a few retries. The loop never waits for a delivery; a
// delivery that keeps failing is logged and dropped. Each environment of a controller of
// several has its own rate limit (a storm in dev must not drop prod's alerts), and an alert the
// limit drops is not remembered as sent, so its condition raises it again on a later cycle.
import type { Logger } from 'pino';
import type { Alert, AlertKind, Notifier } from './alert.js';
import { Deduper } from './dedupe.js';
import { AlertRateLimiter } from './rate-limit.js';
import { withRetries } from './retry.js';

export type DeliveryResult = 'delivered' | 'failed' | 'deduplicated' | 'rate-limited';

/** What the controller needs: raise an alert, and say a condition ended. */
export interface AlertSink {
  send(alert: Alert): void;
  /** The condition behind this fingerprint is over: its next occurrence is news. */
  forget(fingerprint: string): void;
}

export interface DispatcherOptions {
  notifiers: Notifier[];
  log: Logger;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** Same fingerprint again only after this long (default 6 h). */
  repeatMs?: number;
  /** Sustained alerts per minute (default 10) after a burst (default 20), per environment. */
  perMinute?: number;
  burst?: number;
  /** Attempts per delivery (default 4) and the first pause between them (default 1 s). */
  attempts?: number;
  retryDelayMs?: number;
  onDelivery?: (notifier: string, result: DeliveryResult) => void;
  /** Kinds not sent at all (the deploy notice is opt-in). */
  muted?: readonly AlertKind[];
  /** Masks what must never leave the process (known secrets) in every alert before delivery. */
  redact?: (alert: Alert) => Alert;
}

export class AlertDispatcher implements AlertSink {
  private readonly dedupe: Deduper;
  /** One bucket per environment (the key '' for alerts of no environment). */
  private readonly limiters = new Map<string, AlertRateLimiter>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly opts: DispatcherOptions) {
    this.dedupe = new Deduper(opts.repeatMs ?? 6 * 3_600_000, opts.now);
  }

  send(raised: Alert): void {
    if (this.opts.muted?.includes(raised.kind)) return;
    const alert = this.opts.redact
      ? { ...this.opts.redact(raised), fingerprint: raised.fingerprint }
      : raised;
    const fields = { alert: alert.kind, job: alert.job, fingerprint: alert.fingerprint };
    if (!this.dedupe.admit(alert.fingerprint)) {
      this.opts.log.debug(fields, 'alert suppressed: already sent');
      this.count('-', 'deduplicated');
      return;
    }
    if (!this.limiterOf(alert.environment).tryTake()) {
      // Not sent, so not a repeat: the next cycle that raises it may send it.
      this.dedupe.forget(alert.fingerprint);
      this.opts.log.warn({ ...fields, environment: alert.environment }, 'alert dropped: rate limit reached');
      this.count('-', 'rate-limited');
      return;
    }
    this.opts.log.info({ ...fields, title: alert.title }, 'alert');
    for (const n of this.opts.notifiers) this.track(this.deliver(n, alert));
  }

  forget(fingerprint: string): void {
    this.dedupe.forget(fingerprint);
  }

  /** Resolves once every delivery in flight has finished (delivered or given up). */
  async flush(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Shutdown: waits at most `timeoutMs` for deliveries in flight, then abandons them. */
  async close(timeoutMs = 10_000): Promise<void> {
    const timer = new AbortController();
    await Promise.race([this.flush(), this.opts.sleep(timeoutMs, timer.signal)]);
    timer.abort();
    this.stopping.abort();
  }

  private limiterOf(environment: string | undefined): AlertRateLimiter {
    const key = environment ?? '';
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new AlertRateLimiter(this.opts.perMinute ?? 10, this.opts.burst ?? 20, this.opts.now);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  private async deliver(n: Notifier, alert: Alert): Promise<void> {
    const result = await withRetries((attempt) => n.send(alert, this.stopping.signal).then(() => attempt), {
      attempts: this.opts.attempts ?? 4,
      delayMs: this.opts.retryDelayMs ?? 1_000,
      sleep: this.opts.sleep,
      random: this.opts.random,
      signal: this.stopping.signal,
    });
    const fields = { notifier: n.name, target: n.target, alert: alert.kind, attempts: result.attempts };
    if (result.ok) {
      this.opts.log.debug(fields, 'alert delivered');
      this.count(n.name, 'delivered');
    } else {
      const error = result.error instanceof Error ? result.error.message : String(result.error);
      this.opts.log.error({ ...fields, error }, 'alert delivery failed');
      this.count(n.name, 'failed');
    }
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private count(notifier: string, result: DeliveryResult): void {
    this.opts.onDelivery?.(notifier, result);
  }
}
