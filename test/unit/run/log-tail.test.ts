// `berth run --wait --logs`: each log line printed once, in order, while the task runs and
// after it stops; streams that do not exist yet and failing reads change nothing of the outcome.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LogEventsPort } from '../../../src/model/ports.js';
import type { Clock } from '../../../src/run/clock.js';
import { followWhile, LogTail } from '../../../src/run/log-tail.js';

/** CloudWatch Logs in memory: the forward token is the index of the next event, as a string. */
class FakeLogs implements LogEventsPort {
  readonly streams = new Map<string, string[]>();
  calls = 0;
  failNext = 0;
  pageSize = 2;

  append(stream: string, ...lines: string[]): void {
    this.streams.set(stream, [...(this.streams.get(stream) ?? []), ...lines]);
  }

  async getLogEvents(_group: string, stream: string, opts: { nextToken?: string }) {
    this.calls++;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('ThrottlingException: slow down');
    }
    const lines = this.streams.get(stream);
    if (!lines) return undefined;
    const from = Number(opts.nextToken ?? 0);
    const page = lines.slice(from, from + this.pageSize);
    return {
      events: page.map((message, i) => ({ timestamp: from + i, message: `${message}\n` })),
      nextToken: String(from + page.length),
    };
  }
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

const instantClock: Clock = { now: () => 0, sleep: () => new Promise((r) => setImmediate(r)) };

describe('LogTail', () => {
  it('prints every line once, pages through, and waits for streams that do not exist yet', async () => {
    const logs = new FakeLogs();
    const out = new Sink();
    const tail = new LogTail(logs, [{ container: 'etl', group: '/berth/etl', stream: 'etl/etl/t1' }], out);
    expect(await tail.poll()).toBe(0); // the container has not started: no stream, no error
    logs.append('etl/etl/t1', 'one', 'two', 'three');
    expect(await tail.poll()).toBe(3);
    expect(await tail.poll()).toBe(0);
    logs.append('etl/etl/t1', 'four');
    await tail.poll();
    expect(out.text).toBe('one\ntwo\nthree\nfour\n');
    expect(tail.printed).toBe(4);
  });

  it('prefixes lines with their container when several log, and names those it cannot follow', async () => {
    const logs = new FakeLogs();
    const out = new Sink();
    const tail = new LogTail(
      logs,
      [
        { container: 'app', group: 'g', stream: 'p/app/t1' },
        { container: 'sidecar', group: 'g', stream: 'p/sidecar/t1' },
        { container: 'legacy', group: 'g' },
      ],
      out,
    );
    logs.append('p/app/t1', 'hello');
    logs.append('p/sidecar/t1', 'ready');
    await tail.poll();
    expect(out.text).toBe('[app] hello\n[sidecar] ready\n');
    expect(tail.unnamed).toEqual(['legacy']);
  });
});

describe('followWhile', () => {
  it('streams while waiting, reads the last lines after the task stops and passes the result through', async () => {
    const logs = new FakeLogs();
    const out = new Sink();
    const tail = new LogTail(logs, [{ container: 'etl', group: 'g', stream: 's' }], out);
    let seenWhileRunning = '';
    const result = await followWhile(
      tail,
      instantClock,
      async () => {
        logs.append('s', 'starting');
        while (!out.text.includes('starting')) await new Promise((r) => setImmediate(r));
        seenWhileRunning = out.text;
        logs.append('s', 'exiting with 3'); // written as the task stops
        return { exitCode: 3 };
      },
      () => {},
      0,
    );
    expect(seenWhileRunning).toBe('starting\n');
    expect(result).toEqual({ exitCode: 3 });
    expect(out.text).toBe('starting\nexiting with 3\n');
  });

  it('reports a failing read once and keeps following; the outcome is the wait’s', async () => {
    const logs = new FakeLogs();
    const out = new Sink();
    const tail = new LogTail(logs, [{ container: 'etl', group: 'g', stream: 's' }], out);
    logs.append('s', 'a');
    logs.failNext = 3;
    const errors: string[] = [];
    let polls = 0;
    const result = await followWhile(
      tail,
      instantClock,
      async () => {
        while (logs.calls < 6) await new Promise((r) => setImmediate(r));
        polls = logs.calls;
        return 7;
      },
      (err) => errors.push(String(err)),
      0,
    );
    expect(result).toBe(7);
    expect(polls).toBeGreaterThanOrEqual(6);
    expect(errors).toEqual(['Error: ThrottlingException: slow down']);
    expect(out.text).toBe('a\n');
  });

  it('a failed wait still stops the following and rethrows', async () => {
    const logs = new FakeLogs();
    const tail = new LogTail(logs, [{ container: 'etl', group: 'g', stream: 's' }], new Sink());
    await expect(
      followWhile(
        tail,
        instantClock,
        async () => {
          throw new Error('DescribeTasks denied');
        },
        () => {},
        0,
      ),
    ).rejects.toThrow('DescribeTasks denied');
  });
});
