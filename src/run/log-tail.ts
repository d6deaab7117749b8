// `berth run --wait --logs`: follows the containers' awslogs streams while the task runs, as
// ecspresso does, and prints each line once, prefixed with its container. A stream appears
// only when its container starts: until then there is nothing to read, and that is no error.
import type { Writable } from 'node:stream';
import type { LogEventsPort } from '../model/ports.js';
import type { Clock } from './clock.js';
import type { LogLocation } from './log-location.js';

export const LOG_POLL_MS = 2_000;

export class LogTail {
  private readonly tokens = new Map<string, string | undefined>();
  private lines = 0;

  constructor(
    private readonly logs: LogEventsPort,
    private readonly locations: readonly LogLocation[],
    private readonly out: Writable,
  ) {}

  /** Containers whose stream berth cannot name (awslogs without a stream prefix). */
  get unnamed(): string[] {
    return this.locations.filter((l) => !l.stream).map((l) => l.container);
  }

  /** Reads what is new in every stream once; returns how many lines it printed. */
  async poll(): Promise<number> {
    let printed = 0;
    const prefix = new Set(this.locations.map((l) => l.container)).size > 1;
    for (const loc of this.locations) {
      if (!loc.stream) continue;
      const key = `${loc.group}\u0000${loc.stream}`;
      // GetLogEvents pages forward until the token stops moving.
      for (let page = 0; page < 100; page++) {
        const token = this.tokens.get(key);
        const got = await this.logs.getLogEvents(loc.group, loc.stream, {
          ...(token ? { nextToken: token } : {}),
          ...(loc.region ? { region: loc.region } : {}),
        });
        if (!got) break;
        for (const e of got.events) {
          this.out.write(`${prefix ? `[${loc.container}] ` : ''}${e.message.replace(/\n$/, '')}\n`);
          printed++;
        }
        this.tokens.set(key, got.nextToken ?? token);
        if (got.events.length === 0 || got.nextToken === token) break;
      }
    }
    this.lines += printed;
    return printed;
  }

  /** Polls every `intervalMs` until `signal` aborts; errors are reported once and following goes on. */
  async follow(
    clock: Clock,
    signal: AbortSignal,
    onError: (err: unknown) => void,
    intervalMs = LOG_POLL_MS,
  ): Promise<void> {
    let reported = false;
    while (!signal.aborted) {
      try {
        await this.poll();
      } catch (err) {
        if (!reported) onError(err);
        reported = true;
      }
      await clock.sleep(intervalMs, signal);
    }
  }

  get printed(): number {
    return this.lines;
  }
}

/**
 * Follows the logs while `waiting` runs, then reads once more: a container's last lines reach
 * CloudWatch as its task stops. Log errors never change the outcome of the wait.
 */
export async function followWhile<T>(
  tail: LogTail,
  clock: Clock,
  waiting: () => Promise<T>,
  onError: (err: unknown) => void,
  intervalMs = LOG_POLL_MS,
): Promise<T> {
  const done = new AbortController();
  let reported = false;
  const report = (err: unknown) => {
    if (!reported) onError(err);
    reported = true;
  };
  const following = tail.follow(clock, done.signal, report, intervalMs);
  try {
    return await waiting();
  } finally {
    done.abort();
    await following;
    await tail.poll().catch(report);
  }
}
