import { describe, expect, it } from 'vitest';
import { CoalescingRunner } from '../../../src/controller/single-flight.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CoalescingRunner', () => {
  it('runs one cycle at a time and folds requests made meanwhile into one follow-up', async () => {
    const gates = [deferred(), deferred()];
    const runs: string[][] = [];
    let active = 0;
    let maxActive = 0;
    const runner = new CoalescingRunner<string, number>(async (reqs) => {
      runs.push(reqs);
      active += 1;
      maxActive = Math.max(maxActive, active);
      await gates[runs.length - 1]!.promise;
      active -= 1;
      return runs.length;
    });

    const a = runner.request('a');
    const b = runner.request('b');
    const c = runner.request('c');
    expect(runner.busy).toBe(true);
    gates[0]!.resolve();
    expect(await a).toBe(1);
    gates[1]!.resolve();
    expect(await b).toBe(2);
    expect(await c).toBe(2);
    expect(runs).toEqual([['a'], ['b', 'c']]);
    expect(maxActive).toBe(1);
    await runner.idle();
    expect(runner.busy).toBe(false);
  });

  it('starts the follow-up in the same tick, leaving no window for a parallel run', async () => {
    let active = 0;
    let overlap = false;
    const runner = new CoalescingRunner<number, void>(async () => {
      if (active > 0) overlap = true;
      active += 1;
      await new Promise((r) => setTimeout(r, 1));
      active -= 1;
    });
    const all: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      all.push(runner.request(i));
      if (i % 3 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    expect(overlap).toBe(false);
  });

  it('passes a failed cycle on to every request it covered and keeps working', async () => {
    let n = 0;
    const runner = new CoalescingRunner<string, string>(async () => {
      n += 1;
      if (n === 2) throw new Error('boom');
      await new Promise((r) => setTimeout(r, 1));
      return `ok${n}`;
    });
    const first = runner.request('x');
    const second = runner.request('y');
    const third = runner.request('z');
    expect(await first).toBe('ok1');
    await expect(second).rejects.toThrow('boom');
    await expect(third).rejects.toThrow('boom');
    expect(await runner.request('w')).toBe('ok3');
  });
});
