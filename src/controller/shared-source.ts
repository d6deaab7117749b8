// One source (one clone, one fetch per interval) feeding the reconcile loops of several
// environments. The fleet (fleet.ts) refreshes it; each environment's loop reads it through a
// view whose sync() hands out the last snapshot without fetching. The working copy is reset in
// place by a fetch, so a fetch waits until no environment is still reading the snapshot it was
// handed (its evaluation, see `evaluate`), and a view asking for the snapshot while a fetch
// rewrites the copy waits for that fetch: no environment reads a half-updated tree.
import { evaluateRepository, type Evaluation } from '../pipeline/evaluate.js';
import type { Source, SourceSnapshot } from '../source/source.js';

type Evaluate = typeof evaluateRepository;

/** What one environment's loop reads: the source, and its evaluation that holds the snapshot. */
export interface SourceView {
  source: Source;
  /** Evaluates the snapshot sync() handed out; the next fetch waits until it is done. */
  evaluate: (root: string, opts: Parameters<Evaluate>[1]) => Promise<Evaluation>;
}

export class SharedSource {
  private current: SourceSnapshot | undefined;
  private error: unknown;
  private inflight: Promise<void> | undefined;
  /** A fetch is rewriting the working copy (past waiting for readers): views wait for it. */
  private fetching = false;
  /** Views that were handed a snapshot they have not evaluated yet. */
  private readonly readers = new Set<object>();
  private waiting: (() => void)[] = [];

  constructor(
    private readonly inner: Source,
    private readonly evaluate: Evaluate = evaluateRepository,
  ) {}

  get description(): string {
    return this.inner.description;
  }

  /** Why the last fetch failed (undefined when it succeeded). */
  get failure(): unknown {
    return this.error;
  }

  /** The snapshot of the last fetch that succeeded (undefined before the first). */
  get snapshot(): SourceSnapshot | undefined {
    return this.current;
  }

  /**
   * Fetches once for everyone (calls while a fetch runs share it). Resolves to whether the
   * snapshot or the source's health changed, that is whether the loops have something new.
   */
  refresh(signal?: AbortSignal): Promise<boolean> {
    const before = { id: this.current?.id, failed: this.error !== undefined };
    this.inflight ??= this.fetch(signal).finally(() => (this.inflight = undefined));
    return this.inflight.then(
      () => this.current?.id !== before.id || (this.error !== undefined) !== before.failed,
    );
  }

  private async fetch(signal: AbortSignal | undefined): Promise<void> {
    while (this.readers.size > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.fetching = true;
    try {
      this.current = await this.inner.sync(signal);
      this.error = undefined;
    } catch (err) {
      this.error = err;
    } finally {
      this.fetching = false;
    }
  }

  private release(reader: object): void {
    if (!this.readers.delete(reader) || this.readers.size > 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /** A view for one environment's loop. */
  view(): SourceView {
    const reader = {};
    let evaluated: string | undefined;
    let handed: string | undefined;
    const inner = this.inner;
    const source: Source = {
      description: inner.description,
      sync: async (signal?: AbortSignal): Promise<SourceSnapshot> => {
        // Before the first fetch this loop asks for one; after a failed one it reports the
        // failure, and the fleet's next fetch (its interval, a push) finds the recovery: one
        // fetch per interval, however many loops retry.
        // A fetch past its wait for readers is resetting the copy: the snapshot it replaces is
        // no longer on disk, so wait for the new one (a reader registered now would come late).
        while (this.fetching) await this.inflight;
        if (this.current === undefined && this.error === undefined) await this.refresh(signal);
        if (this.error !== undefined) throw this.error;
        const snapshot = this.current as SourceSnapshot;
        // A snapshot this loop has not evaluated yet is read next: hold it until then.
        if (snapshot.id !== evaluated) this.readers.add(reader);
        handed = snapshot.id;
        return snapshot;
      },
      ...(inner.isAncestor ? { isAncestor: inner.isAncestor.bind(inner) } : {}),
    };
    return {
      source,
      evaluate: async (root, opts) => {
        try {
          const result = await this.evaluate(root, opts);
          // The snapshot handed out (what the loop records as evaluated), not whatever is current.
          evaluated = handed;
          return result;
        } finally {
          this.release(reader);
        }
      },
    };
  }

  close(): Promise<void> {
    return this.inner.close?.() ?? Promise.resolve();
  }
}
