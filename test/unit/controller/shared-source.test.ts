// The source several environments share: one fetch for all, and no fetch resets the working
// copy while an environment still reads the snapshot it was handed.
import { describe, expect, it } from 'vitest';
import { SharedSource } from '../../../src/controller/shared-source.js';
import type { Evaluation } from '../../../src/pipeline/evaluate.js';
import type { Source, SourceSnapshot } from '../../../src/source/source.js';
import { settle } from './fake-clock.js';

/** A source whose head the test moves; counts fetches; can be made to fail. */
class CountingSource implements Source {
  readonly description = 'test';
  fetches = 0;
  head = 'r1';
  failure: Error | undefined;
  async sync(): Promise<SourceSnapshot> {
    this.fetches += 1;
    if (this.failure) throw this.failure;
    return { revision: this.head, id: this.head, dir: `/clone` };
  }
}

/** An evaluation the test finishes by hand (a slow read of the working copy). */
function manualEvaluate() {
  const pending: { revision: string; done: () => void }[] = [];
  const evaluate = (_root: string, opts: { revision?: string }) =>
    new Promise<Evaluation>((resolve) =>
      pending.push({ revision: opts.revision ?? '', done: () => resolve({} as Evaluation) }),
    );
  return { pending, evaluate: evaluate as never };
}

describe('SharedSource', () => {
  it('fetches once for every environment', async () => {
    const inner = new CountingSource();
    const shared = new SharedSource(inner, (async () => ({}) as Evaluation) as never);
    const views = [shared.view(), shared.view(), shared.view()];
    const snaps = await Promise.all(views.map((v) => v.source.sync()));
    expect(inner.fetches).toBe(1);
    // Each reads it (the loops do right after sync): then the next fetch may reset the copy.
    await Promise.all(views.map((v, i) => v.evaluate('/clone', { revision: snaps[i]!.revision })));
    expect(snaps.map((s) => s.revision)).toEqual(['r1', 'r1', 'r1']);
    expect(await shared.refresh()).toBe(false);
    inner.head = 'r2';
    expect(await shared.refresh()).toBe(true);
    expect(inner.fetches).toBe(3);
  });

  it('waits with a fetch until an environment has read the snapshot it was handed', async () => {
    const inner = new CountingSource();
    const manual = manualEvaluate();
    const shared = new SharedSource(inner, manual.evaluate);
    const view = shared.view();
    const snap = await view.source.sync();
    const reading = view.evaluate(snap.dir, { revision: snap.revision });
    inner.head = 'r2';
    let fetched = false;
    const refresh = shared.refresh().then(() => (fetched = true));
    await settle();
    // The working copy would be reset under the reader: the fetch has not started.
    expect(inner.fetches).toBe(1);
    expect(fetched).toBe(false);
    manual.pending[0]!.done();
    await reading;
    await refresh;
    expect(inner.fetches).toBe(2);
    // An evaluated snapshot is not held again: a later fetch does not wait for this view.
    expect((await view.source.sync()).revision).toBe('r2');
    const next = view.evaluate('/clone', { revision: 'r2' });
    manual.pending[1]!.done();
    await next;
    await view.source.sync();
    inner.head = 'r3';
    expect(await shared.refresh()).toBe(true);
  });

  it('hands every environment the failure until a fetch succeeds, fetching once per refresh', async () => {
    const inner = new CountingSource();
    inner.failure = new Error('remote unreachable');
    const shared = new SharedSource(inner);
    const [a, b] = [shared.view(), shared.view()];
    await expect(a.source.sync()).rejects.toThrow('remote unreachable');
    await expect(b.source.sync()).rejects.toThrow('remote unreachable');
    inner.failure = undefined;
    // Loops retrying on their backoff do not fetch: the fleet's next refresh does, once.
    await expect(a.source.sync()).rejects.toThrow('remote unreachable');
    expect(inner.fetches).toBe(1);
    expect(await shared.refresh()).toBe(true);
    expect((await a.source.sync()).revision).toBe('r1');
    expect(shared.failure).toBeUndefined();
    expect(inner.fetches).toBe(2);
  });
  it('hands a view that asks while a fetch resets the copy the new snapshot, not the old one', async () => {
    // The fetch has passed its wait for readers and is rewriting the working copy: a view
    // that asks now (a loop whose cycle was queued) must not be handed the old snapshot
    // and read the directory while git resets it.
    const inner = new CountingSource();
    let resetting = false;
    let finishReset: (() => void) | undefined;
    const slow: Source = {
      description: 'test',
      sync: async () => {
        const snap = await inner.sync();
        if (inner.fetches !== 2) return snap;
        resetting = true;
        await new Promise<void>((resolve) => (finishReset = resolve));
        resetting = false;
        return snap;
      },
    };
    const readWhileResetting: boolean[] = [];
    const shared = new SharedSource(slow, (async () => {
      readWhileResetting.push(resetting);
      return {} as Evaluation;
    }) as never);
    const [dev, prod] = [shared.view(), shared.view()];
    await shared.refresh();
    const first = await dev.source.sync();
    await dev.evaluate(first.dir, { revision: first.revision });
    inner.head = 'r2';
    const fetch = shared.refresh();
    await settle();
    expect(resetting).toBe(true);
    const asked = prod.source.sync();
    await settle();
    finishReset!();
    const snap = await asked;
    expect(snap.revision).toBe('r2');
    await prod.evaluate(snap.dir, { revision: snap.revision });
    await fetch;
    expect(readWhileResetting).toEqual([false, false]);
    // Both views evaluated what they were handed: a later fetch waits for neither.
    inner.head = 'r3';
    expect(await shared.refresh()).toBe(true);
  });
});
