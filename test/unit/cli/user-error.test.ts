// One form for every error a person sees, and no stack trace for a mistake.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { commanderMessage, describeError } from '../../../src/cli/user-error.js';
import { BerthError } from '../../../src/model/errors.js';

const STACK = /\n\s+at /;

async function systemError(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('describeError', () => {
  it('prints a BerthError as "berth: …" and "  hint: …", control characters escaped', () => {
    const r = describeError(new BerthError('Invalid', 'job "a\u001b[2Jb" is bad', { hint: 'fix\u0007 it' }));
    expect(r).toEqual({ text: 'berth: job "a\\x1b[2Jb" is bad\n  hint: fix\\x07 it\n', code: 1 });
  });

  it('turns file-system errors into one line naming the path, without a stack', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-uerr-'));
    writeFileSync(path.join(dir, 'f'), 'x');
    const cases: [unknown, RegExp][] = [
      [
        await systemError(() => readFile(path.join(dir, 'missing.json'))),
        /^berth: cannot read .*missing\.json: no such file or directory \(ENOENT\)\n$/,
      ],
      [
        await systemError(() => readFile(dir)),
        /^berth: cannot read .*: is a directory, not a file \(EISDIR\)\n$/,
      ],
      [
        await systemError(() => open(path.join(dir, 'f', 'x'), 'w')),
        /^berth: cannot read .*f\/x: a part of the path is a file, not a directory \(ENOTDIR\)\n$/,
      ],
    ];
    for (const [err, want] of cases) {
      const r = describeError(err);
      expect(r.code).toBe(1);
      expect(r.text).toMatch(want);
      expect(r.text).not.toMatch(STACK);
    }
  });

  it('keeps the stack for a bug in berth (so that it can be reported)', () => {
    const r = describeError(new TypeError('x is undefined'));
    expect(r.text).toMatch(/^berth: internal error: x is undefined\n {2}hint: this is a bug in berth/);
    expect(r.text).toMatch(STACK);
  });

  it('prints nothing more for commander errors (already printed) and keeps help exit 0', () => {
    expect(describeError(new CommanderError(0, 'commander.helpDisplayed', ''))).toEqual({
      text: '',
      code: 0,
    });
    expect(describeError(new CommanderError(1, 'commander.invalidArgument', 'x'))).toEqual({
      text: '',
      code: 1,
    });
  });

  it('rewrites commander messages into the same form', () => {
    expect(commanderMessage("error: unknown option '--x\u001b'\n")).toBe(
      "berth: unknown option '--x\\x1b'\n",
    );
  });
});
