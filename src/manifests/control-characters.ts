// Raw control characters in a manifest (NUL, BEL, ESC, …) are never meant: they come from a
// bad copy and paste or a generated file, and AWS stores them as they are, where they break
// terminals and logs. Every key and string value is checked wherever it is, before the schema.
// Line breaks and tabs stay allowed in values (scripts in a command, PEM blocks); not in keys.
import { joinPointer } from './pointer.js';
import { error, type Finding } from './rules/finding.js';

// eslint-disable-next-line no-control-regex
const IN_VALUE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const IN_KEY = /[\u0000-\u001f\u007f-\u009f]/;

const NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BEL',
  8: 'BS',
  9: 'TAB',
  10: 'LF',
  13: 'CR',
  27: 'ESC',
  127: 'DEL',
};

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return NAMES[code] ? `${hex} ${NAMES[code]}` : hex;
}

export function controlCharacters(value: unknown, pointer = '', depth = 0): Finding[] {
  if (depth > 64) return [];
  if (typeof value === 'string') {
    const m = IN_VALUE.exec(value);
    return m
      ? [
          error(
            'value/control-character',
            pointer,
            `${pointer ? 'this value' : 'the document'} holds the control character ${describe(m[0])} at character ${m.index + 1}`,
            'remove it; write a line break as a real line break (or "\\n" in double quotes) where one is meant',
          ),
        ]
      : [];
  }
  if (Array.isArray(value))
    return value.flatMap((v, i) => controlCharacters(v, joinPointer(pointer, i), depth + 1));
  if (typeof value !== 'object' || value === null) return [];
  const out: Finding[] = [];
  for (const [k, v] of Object.entries(value)) {
    const at = joinPointer(pointer, k);
    const m = IN_KEY.exec(k);
    if (m)
      out.push({
        ...error(
          'value/control-character',
          at,
          `the key holds the control character ${describe(m[0])} at character ${m.index + 1}`,
          'remove it: names are plain text',
        ),
        atKey: true,
      });
    out.push(...controlCharacters(v, at, depth + 1));
  }
  return out;
}
