// The last fence against terminal injection: whatever a command writes to stdout or stderr
// passes through streamSafe, so a control character that reached some output unescaped (a
// value read back from AWS, an SDK error, a drift report from a controller) is shown as
// \u001b instead of acting on the terminal. Line breaks, tabs, berth's own colours and the
// progress line's clear-line pass; JSON and YAML keep their meaning (see streamSafe).
import { streamSafe } from '../report/terminal-text.js';

export function guardStream(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === 'string' ? streamSafe(chunk) : chunk, ...rest)) as typeof stream.write;
}
