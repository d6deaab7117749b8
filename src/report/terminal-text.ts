// Text from manifests, file names, AWS and the network is shown to people on a terminal, where
// ESC, BEL, NUL, a carriage return or a bidi override is an instruction, not a character: a job
// name could clear the screen, move the cursor, rewrite a line or hide text. Those characters are
// shown escaped (\x1b, \r, \u202e) instead. Pure; used by every human output.

/** C0 controls, DEL, C1 controls, and the Unicode bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One field (a name, a path, a message) for a single line: every control character escaped. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** The progress lines' clear-line (progress.ts, wait-progress.ts, read-progress.ts) and berth's own colours (report/ansi.ts: styleText opens and closes with these codes). */
// eslint-disable-next-line no-control-regex
const OWN_SEQUENCE = /\r\u001b\[2?K|\u001b\[(?:0|1|2|22|31|32|33|35|36|39)m/g;
/** What a terminal acts on: C0 (but line feed and tab), DEL and C1. */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const unicodeEscape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Everything berth writes to stdout or stderr, text or JSON or YAML: berth's own colours and
 * clear-line pass, every other terminal control character becomes its \uXXXX escape. That form
 * reads back as the same character inside a JSON string or a double-quoted YAML scalar (the
 * only places those serialisers leave such a character raw), so machine output keeps its
 * meaning. Bidi controls are left to escapeControl: the YAML serialiser writes them in plain
 * scalars, where an escape would change the value.
 */
export function streamSafe(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(OWN_SEQUENCE)) {
    out += text.slice(last, m.index).replace(TERMINAL_CONTROL, unicodeEscape) + m[0];
    last = m.index + m[0].length;
  }
  return out + text.slice(last).replace(TERMINAL_CONTROL, unicodeEscape);
}
