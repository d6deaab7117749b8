// One cycle at a time. Requests arriving while a cycle runs are collected and served by one
// follow-up cycle, which every one of them awaits: N webhooks during a slow apply → 1 extra cycle.

interface Queued<R, T> {
  requests: R[];
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

export class CoalescingRunner<R, T> {
  private running: Promise<T> | undefined;
  private queued: Queued<R, T> | undefined;

  constructor(private readonly run: (requests: R[]) => Promise<T>) {}

  /** Resolves with the result of the cycle that covers this request. */
  request(r: R): Promise<T> {
    if (!this.running) return this.start([r]);
    if (!this.queued) {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
      this.queued = { requests: [], promise, resolve, reject };
    }
    this.queued.requests.push(r);
    return this.queued.promise;
  }

  /** True while a cycle runs or one is queued. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Resolves once nothing runs and nothing is queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private start(requests: R[]): Promise<T> {
    const p = (async () => this.run(requests))();
    this.running = p;
    // The follow-up starts in the same tick the cycle ends: no window for a second runner.
    const next = () => {
      const q = this.queued;
      this.queued = undefined;
      if (!q) {
        this.running = undefined;
        return;
      }
      this.start(q.requests).then(q.resolve, q.reject);
    };
    p.then(next, next);
    return p;
  }
}
