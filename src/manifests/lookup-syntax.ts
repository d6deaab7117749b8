// The lookup syntax inside string values: `{{ fn "arg" "arg" }}`, Go-template style as in
// ecspresso. Arguments are "double-quoted" (\" and \\ escapes) or `back-quoted` (raw) strings, or
// whole numbers; `{{ "text" }}` is the literal text (write {{ "{{" }} for two braces). Pure.
import { LOOKUP_FUNCTIONS, type LookupCall, type LookupFunction } from '../model/lookups.js';
import { suggest } from './suggest.js';

/** Arguments each function takes: [fewest, most]. */
const ARITY: Record<LookupFunction, [number, number]> = {
  env: [1, 2],
  must_env: [1, 1],
  ssm: [1, 2],
  tfstate: [2, 2],
  cfn: [2, 2],
};

const USAGE: Record<LookupFunction, string> = {
  env: '{{ env "NAME" }} or {{ env "NAME" "default" }}',
  must_env: '{{ must_env "NAME" }}',
  ssm: '{{ ssm "/parameter/name" }} (or {{ ssm "/list/parameter" 0 }} for an item of a StringList)',
  tfstate:
    '{{ tfstate "path/to/terraform.tfstate" "aws_subnet.private[0].id" }} (or an s3://bucket/key state)',
  cfn: '{{ cfn "stack-name" "OutputKey" }}',
};

export interface LookupProblem {
  rule: 'lookup/syntax' | 'lookup/unknown-function' | 'lookup/arguments';
  message: string;
  hint: string;
}

/** One `{{ … }}` in a string: a call, a literal, or what is wrong with it. */
export interface TemplatePart {
  /** Offset of "{{" in the string. */
  offset: number;
  /** The text from "{{" to "}}" inclusive. */
  raw: string;
  call?: LookupCall;
  literal?: string;
  problem?: LookupProblem;
}

export function hasLookup(value: string): boolean {
  return value.includes('{{');
}

export function lookupKey(fn: LookupFunction, args: readonly string[]): string {
  return [fn, ...args].join('\u0000');
}

export function lookupUsage(fn: LookupFunction): string {
  return USAGE[fn];
}

/** Every `{{ … }}` of `value`, in order. */
export function parseTemplate(value: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let from = 0;
  for (;;) {
    const open = value.indexOf('{{', from);
    if (open < 0) return parts;
    const scanned = scanAction(value, open + 2);
    if (scanned.end < 0) {
      parts.push({
        offset: open,
        raw: value.slice(open),
        problem: {
          rule: 'lookup/syntax',
          message: scanned.error ?? 'a lookup "{{" without its closing "}}"',
          hint: 'close it with }} (write {{ "{{" }} for two literal braces)',
        },
      });
      return parts;
    }
    parts.push(interpret(value.slice(open, scanned.end), open, scanned.tokens));
    from = scanned.end;
  }
}

/** The string with every part replaced by `replace(part)` (undefined: left as written). */
export function substituteTemplate(
  value: string,
  replace: (part: TemplatePart) => string | undefined,
): string {
  let out = '';
  let from = 0;
  for (const p of parseTemplate(value)) {
    out += value.slice(from, p.offset) + (replace(p) ?? p.raw);
    from = p.offset + p.raw.length;
  }
  return out + value.slice(from);
}

type Token =
  { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'number'; text: string };

/** Tokens up to "}}"; end is the offset after it, -1 when there is none or a token is broken. */
function scanAction(s: string, start: number): { tokens: Token[]; end: number; error?: string } {
  const tokens: Token[] = [];
  let i = start;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '}' && s[i + 1] === '}') return { tokens, end: i + 2 };
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && j + 1 < s.length) j++;
        text += s[j];
      }
      if (j >= s.length) return { tokens, end: -1, error: 'a "quoted" argument without its closing quote' };
      tokens.push({ kind: 'string', text });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = s.indexOf('`', i + 1);
      if (j < 0) return { tokens, end: -1, error: 'a `back-quoted` argument without its closing back-quote' };
      tokens.push({ kind: 'string', text: s.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*|^-?\d+/.exec(s.slice(i, i + 256));
    if (!word)
      return {
        tokens,
        end: -1,
        error: `unexpected "${c}" in a lookup: arguments are "quoted" strings or whole numbers`,
      };
    tokens.push({ kind: /^-?\d/.test(word[0]) ? 'number' : 'word', text: word[0] });
    i += word[0].length;
  }
  return { tokens, end: -1 };
}

function interpret(raw: string, offset: number, tokens: Token[]): TemplatePart {
  const part = { offset, raw };
  const [head, ...rest] = tokens;
  if (!head)
    return {
      ...part,
      problem: {
        rule: 'lookup/syntax',
        message: 'an empty lookup {{ }}',
        hint: 'write {{ ssm "/name" }}, {{ env "NAME" }}, …',
      },
    };
  if (head.kind === 'string' && rest.length === 0) return { ...part, literal: head.text };
  if (head.kind !== 'word')
    return {
      ...part,
      problem: {
        rule: 'lookup/syntax',
        message: 'a lookup starts with a function name',
        hint: `one of ${LOOKUP_FUNCTIONS.join(', ')}, e.g. {{ ssm "/etl/subnet" }}`,
      },
    };
  const fn = head.text as LookupFunction;
  if (!(LOOKUP_FUNCTIONS as readonly string[]).includes(fn)) {
    const close = suggest(head.text, LOOKUP_FUNCTIONS);
    return {
      ...part,
      problem: {
        rule: 'lookup/unknown-function',
        message: `unknown lookup function "${head.text}"${close ? ` (did you mean ${close}?)` : ''}`,
        hint: `lookups: ${LOOKUP_FUNCTIONS.join(', ')}`,
      },
    };
  }
  const [min, max] = ARITY[fn];
  const args = rest.map((t) => t.text);
  const word = rest.find((t) => t.kind === 'word');
  const numberAt = rest.findIndex((t) => t.kind === 'number');
  const badNumber = numberAt >= 0 && !(fn === 'ssm' && numberAt === 1 && Number(args[1]) >= 0);
  if (args.length < min || args.length > max || word || badNumber)
    return {
      ...part,
      problem: {
        rule: 'lookup/arguments',
        message: word
          ? `${fn}: "${word.text}" must be quoted`
          : `${fn} takes ${min === max ? min : `${min} or ${max}`} argument${max === 1 ? '' : 's'}, not ${args.length}${badNumber ? ' (the only number allowed is the item of an ssm StringList)' : ''}`,
        hint: `write ${USAGE[fn]}`,
      },
    };
  return { ...part, call: { fn, args, key: lookupKey(fn, args) } };
}
