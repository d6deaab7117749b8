// Progress on stderr while a plan reads AWS: with an empty cache a plan describes every revision
// and schedule once (a thousand jobs: most of a minute at the default rate limits), which looked
// like a hang. Silent when the read is quick (a warm plan); one line updated in place on a
// terminal, else a line every few seconds. Counts come from the AWS call counter.
import type { CallCounter } from '../model/ports.js';

export interface ReadProgressOptions {
  /** Say nothing for reads shorter than this. */
  quietMs?: number;
  /** Between two lines (in place on a terminal). */
  everyMs?: number;
  tty: boolean;
  now?: () => number;
}

export function readProgress(
  calls: CallCounter,
  jobs: number,
  out: NodeJS.WritableStream,
  opts: ReadProgressOptions,
): () => void {
  const now = opts.now ?? Date.now;
  const start = now();
  const before = calls.snapshot();
  let shown = false;
  const line = () => {
    const c = calls.snapshot();
    const n = (op: string) => (c[op] ?? 0) - (before[op] ?? 0);
    const secs = Math.round((now() - start) / 1000);
    return (
      `reading AWS: ${n('ecs:DescribeTaskDefinition')} task definitions and ${n('scheduler:GetSchedule')} ` +
      `schedules described for ${jobs} jobs, ${secs}s (the cache makes the next plan quick)`
    );
  };
  const tick = () => {
    shown = true;
    out.write(opts.tty ? `\r\u001b[2K${line()}` : `${line()}\n`);
  };
  let timer: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    tick();
    timer = setInterval(tick, opts.everyMs ?? (opts.tty ? 1000 : 10_000));
    timer.unref();
  }, opts.quietMs ?? 2000);
  first.unref();
  return () => {
    clearTimeout(first);
    if (timer) clearInterval(timer);
    if (shown && opts.tty) out.write('\r\u001b[2K');
  };
}
