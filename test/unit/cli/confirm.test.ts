// The apply prompt on a terminal: the terminal echoes and edits the answer itself, so berth writes
// no cursor-movement sequences (the output guard would show them as text: "ye\u001b[20Gs").
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm } from '../../../src/cli/confirm.js';

function fakeTerminal(): { input: PassThrough; output: PassThrough; written: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 24 });
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { input, output, written: () => text };
}

describe('confirm', () => {
  it('asks on a terminal without escape sequences and accepts only "yes"', async () => {
    for (const [typed, want] of [
      ['yes\n', true],
      ['y\n', false],
      ['no\n', false],
    ] as const) {
      const t = fakeTerminal();
      const answer = confirm('Do you want berth to perform these actions?', undefined, t);
      setImmediate(() => t.input.write(typed));
      expect(await answer, typed).toBe(want);
      expect(t.written()).toContain('Enter a value: ');
      expect(t.written(), typed).not.toContain('\u001b');
    }
  });

  it('an aborted signal (Ctrl-C reaches apply as SIGINT) is a "no"', async () => {
    const t = fakeTerminal();
    const stop = new AbortController();
    const answer = confirm('Apply?', stop.signal, t);
    setImmediate(() => stop.abort());
    expect(await answer).toBe(false);
  });
});
