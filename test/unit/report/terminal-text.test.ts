// Terminal injection (issue 14, item 10): text from manifests, file names and AWS never acts on
// the terminal it is printed to.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { guardStream } from '../../../src/cli/terminal-guard.js';
import { formatDiagnostics } from '../../../src/manifests/format-diagnostics.js';
import { printDiagnostics } from '../../../src/cli/diagnostics-output.js';
import { painter } from '../../../src/report/ansi.js';
import { escapeControl, streamSafe } from '../../../src/report/terminal-text.js';
import type { Diagnostic } from '../../../src/model/diagnostics.js';

// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const TOTALS = { jobs: 0, files: 1 };

const hostile: Diagnostic = {
  file: 'jobs/a\u001b]0;owned\u0007.yaml',
  line: 3,
  column: 7,
  severity: 'error',
  rule: 'schema/x',
  message: 'job "x\u001b[2J\u0000y" is bad\r\u001b[Kfake line',
  pointer: '/spec/a\u009bb',
  hint: 'quote it\u202e',
};

describe('escapeControl', () => {
  it('escapes C0, DEL, C1 and bidi controls, keeps plain text', () => {
    expect(escapeControl('a\u001b[2Jb\u0007c\u0000\r\n\t\u007f\u0085\u202ez')).toBe(
      'a\\x1b[2Jb\\x07c\\x00\\r\\n\\t\\x7f\\x85\\u202ez',
    );
    expect(escapeControl('plain: ünïcode — ok')).toBe('plain: ünïcode — ok');
  });
});

describe('streamSafe', () => {
  it("escapes terminal controls as \\uXXXX, keeps line feeds, tabs, berth's colours and clear-line", () => {
    const red = painter(true)('red', 'error');
    const text = `${red} a\u001b[2Jb\u0007\r\u001b[Kwaiting\n\tnext\u009b1m\r\n`;
    expect(streamSafe(text)).toBe(`${red} a\\u001b[2Jb\\u0007\r\u001b[Kwaiting\n\tnext\\u009b1m\\u000d\n`);
  });

  it("passes every style berth paints (opening and closing codes) and read-progress's clear-line", () => {
    const paint = painter(true);
    const styled = (['bold', 'dim', 'red', 'green', 'yellow', 'magenta', 'cyan'] as const)
      .map((s) => paint(s, s))
      .join(' ');
    expect(styled).toContain('\u001b[');
    expect(streamSafe(styled)).toBe(styled);
    expect(streamSafe('\r\u001b[2Kreading 3/10')).toBe('\r\u001b[2Kreading 3/10');
  });

  it('a colour a manifest could bring that berth does not use is escaped', () => {
    expect(streamSafe('\u001b[5m\u001b[?1049h')).toBe('\\u001b[5m\\u001b[?1049h');
  });

  it('keeps JSON and YAML meaning: the escaped text reads back to the same value', () => {
    const value = { s: 'a\u0085b\u007fc\u009bd', t: 'x\u001by' };
    const json = streamSafe(JSON.stringify(value));
    expect(json).not.toMatch(RAW);
    expect(JSON.parse(json)).toEqual(value);
    const yaml = streamSafe(YAML.stringify(value));
    expect(yaml).not.toMatch(RAW);
    expect(YAML.parse(yaml)).toEqual(value);
  });
});

describe('guarded streams', () => {
  it('whatever is written reaches the stream escaped; buffers pass as they are', () => {
    const sink = new PassThrough();
    const chunks: string[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    guardStream(sink as unknown as NodeJS.WriteStream);
    sink.write('job \u001b]0;title\u0007 done\n');
    sink.write(Buffer.from('raw'));
    expect(chunks.join('')).toBe('job \\u001b]0;title\\u0007 done\nraw');
  });
});

describe('diagnostics for people', () => {
  it('validate text and github formats escape file names, messages, pointers and hints', () => {
    for (const format of ['text', 'github'] as const) {
      const out = formatDiagnostics([hostile], format, TOTALS);
      expect(out, format).not.toMatch(RAW);
      expect(out, format).not.toContain('\u202e');
      expect(out, format).toContain('a\\x1b]0;owned\\x07.yaml');
    }
  });

  it('json keeps the exact values (JSON escapes them itself)', () => {
    const out = formatDiagnostics([hostile], 'json', TOTALS);
    expect(out).toContain('x\\u001b[2J\\u0000y');
    // C1 characters stay raw in JSON.stringify's output; the stream guard escapes them.
    expect(streamSafe(out)).not.toMatch(RAW);
    expect(JSON.parse(streamSafe(out))).toEqual(JSON.parse(out));
  });

  it('the diagnostics of other commands (stderr) are escaped too', () => {
    let text = '';
    printDiagnostics(
      [hostile],
      { write: (s: string) => ((text += s), true) } as NodeJS.WritableStream,
      false,
    );
    expect(text).not.toMatch(RAW);
    expect(text).toContain('job "x\\x1b[2J\\x00y" is bad\\r\\x1b[Kfake line');
  });
});
