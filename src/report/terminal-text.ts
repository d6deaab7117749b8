// Text from manifests, file names, AWS and the network is shown to people on a terminal, where
// ESC, BEL, NUL, a carriage return or a bidi override is an instruction, not a character: a job
// name could clear the screen, move the cursor, rewrite a line or hide text. Those characters are
// shown escaped (\x1b, \r, \u202e) instead. Pure; used by every human output.

/** C0 controls, DEL, C1 controls, and the Unicode bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

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

/** True when `text` holds a character escapeControl would escape. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/** berth's own colours (report/ansi.ts): the only escape sequences a human output may carry. */
// eslint-disable-next-line no-control-regex
const OWN_SGR = /\u001b\[(?:0|1|2|31|32|33|35|36)m/g;

/**
 * A whole human output: line breaks and tabs stay, every other control character is escaped.
 * With `keepColor`, berth's own colour codes survive (a manifest cannot add others).
 */
export function terminalSafe(text: string, keepColor = false): string {
  const escape = (s: string) => s.replace(CONTROL_KEEP_LINES, escapeOne);
  if (!keepColor) return escape(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(OWN_SGR)) {
    out += escape(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}
