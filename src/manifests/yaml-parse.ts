// YAML text → documents with positions. Hostile input must not crash or hang the
// validator: every failure becomes a positioned diagnostic.
//   - aliases are rejected outright (see positions.ts), so an alias bomb is never expanded;
//   - duplicate keys are found by our own linear walk (the library's check is quadratic);
//   - flow nesting is bounded before parsing, documents per file are capped;
//   - YAML 1.2 core schema only: no merge keys, no custom tags, no timestamps.
import { Composer, isScalar, LineCounter, Parser } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import { diagnostic } from './diagnostic.js';
import { MAX_DEPTH, MAX_DOCUMENTS } from './limits.js';
import { indexTree } from './positions.js';
import type { Position, PositionIndex } from './positions.js';
import type { Diagnostic } from '../model/diagnostics.js';

export interface ParsedDocument {
  /** 0-based index in the file. */
  index: number;
  /** The document as plain data; undefined when it could not be converted. */
  value: unknown;
  /** Only comments, or nothing at all. */
  empty: boolean;
  /** Syntax-level errors in this document: its value is not trustworthy. */
  broken: boolean;
  /** metadata.name read from the syntax tree, without expanding anything (for broken documents). */
  name: string | undefined;
  /** Where the document's content starts. */
  start: Position;
  positions: PositionIndex;
  /** Pointer → text as written, for plain scalars YAML read as a number, boolean or the like. */
  written: Map<string, string>;
}

export interface ParsedFile {
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

const COMPOSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false,
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
  logLevel: 'error',
} as const;

export function parseYaml(file: string, text: string): ParsedFile {
  const diagnostics: Diagnostic[] = [];
  const report = (
    rule: string,
    at: Position,
    message: string,
    hint?: string,
    severity: 'error' | 'warning' = 'error',
  ) =>
    diagnostics.push(
      diagnostic({ severity, file, line: at[0], column: at[1], pointer: '', rule, message, hint }),
    );

  const deep = flowTooDeep(text) ?? blockTooDeep(text);
  if (deep) {
    report(
      'yaml/too-deep',
      deep,
      `lists or maps nested deeper than ${MAX_DEPTH} levels`,
      'this looks generated or corrupted',
    );
    return { documents: [], diagnostics };
  }

  const lc = lineCounter(text);
  const pos = (offset: number): Position => {
    const p = lc.linePos(offset);
    return [p.line, p.col];
  };
  const documents: ParsedDocument[] = [];
  try {
    const composer = new Composer(COMPOSE_OPTIONS);
    const tokens = new Parser().parse(text);
    for (const doc of composer.compose(tokens, true, text.length)) {
      if (documents.length >= MAX_DOCUMENTS) {
        report(
          'file/too-many-documents',
          pos(doc.range[0]),
          `more than ${MAX_DOCUMENTS} documents in one file`,
          'split the file',
        );
        break;
      }
      documents.push(toParsed(doc, documents.length, lc, file, diagnostics));
    }
  } catch (err) {
    // The parser is not expected to throw; if it does, the file is unreadable, not berth broken.
    report('yaml/syntax', [1, 1], `cannot parse YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { documents, diagnostics };
}

function toParsed(
  doc: Document.Parsed,
  index: number,
  lc: LineCounter,
  file: string,
  out: Diagnostic[],
): ParsedDocument {
  const pos = (offset: number): Position => {
    const p = lc.linePos(offset);
    return [p.line, p.col];
  };
  let broken = false;
  for (const e of doc.errors) {
    broken = true;
    out.push(yamlDiagnostic(file, e, pos(e.pos[0]), 'error'));
  }
  for (const w of doc.warnings) {
    const severity = w.code === 'TAG_RESOLVE_FAILED' ? 'error' : 'warning';
    if (severity === 'error') broken = true;
    out.push(yamlDiagnostic(file, w, pos(w.pos[0]), severity));
  }
  const contents = doc.contents;
  const start = pos(contents?.range?.[0] ?? doc.range[0]);
  const { index: positions, problems, written } = indexTree(contents, lc, start);
  for (const p of problems) {
    broken = true;
    out.push(
      diagnostic({
        severity: 'error',
        file,
        line: p.at[0],
        column: p.at[1],
        pointer: p.pointer,
        rule: p.rule,
        message: p.message,
        hint: p.hint,
      }),
    );
  }
  const empty = contents === null || (isNullScalar(contents) && !contents.tag);
  let value: unknown;
  // Not converted when the walk found aliases (a bomb would expand), runaway nesting or
  // collection keys (the library converts `? ? ? … x` in exponential time). A document with
  // only duplicate keys is converted: the names in it protect those jobs from pruning.
  // The alias cap is a second fence.
  if (problems.every((p) => p.rule === 'yaml/duplicate-key')) {
    try {
      value = doc.toJS({ maxAliasCount: 0 });
    } catch {
      broken = true;
    }
  }
  const nameNode: unknown = doc.getIn(['metadata', 'name'], true);
  const name = isScalar(nameNode) && typeof nameNode.value === 'string' ? nameNode.value : undefined;
  return { index, value, empty, broken, name, start, positions, written };
}

/**
 * Line starts found in the text itself, not reported by the lexer: after some syntax errors
 * the lexer swallows line breaks into one token without reporting them, and every position
 * after that would point at the wrong line (or past the end of one).
 */
function lineCounter(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

function isNullScalar(node: unknown): node is { value: null; tag?: string } {
  return (
    typeof node === 'object' &&
    node !== null &&
    'value' in node &&
    (node as { value: unknown }).value === null
  );
}

function yamlDiagnostic(file: string, e: YAMLError, at: Position, severity: 'error' | 'warning'): Diagnostic {
  const { rule, hint } = classify(e.code);
  // The library reports its own stack overflow as a message; say what it means instead.
  const message = /call stack/i.test(e.message)
    ? `nesting too deep to read (more than ${MAX_DEPTH} levels)`
    : firstLine(e.message);
  return diagnostic({ severity, file, line: at[0], column: at[1], pointer: '', rule, message, hint });
}

function classify(code: YAMLError['code']): { rule: string; hint?: string } {
  switch (code) {
    case 'TAB_AS_INDENT':
      return { rule: 'yaml/tab', hint: 'indent with spaces; YAML does not allow tabs for indentation' };
    case 'DUPLICATE_KEY':
      return { rule: 'yaml/duplicate-key', hint: 'YAML keys must be unique in a map' };
    case 'TAG_RESOLVE_FAILED':
      return { rule: 'yaml/unknown-tag', hint: 'berth manifests are plain YAML: remove the !tag' };
    case 'RESOURCE_EXHAUSTION':
      return { rule: 'yaml/too-deep', hint: 'this looks generated or corrupted' };
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return {
        rule: 'yaml/syntax',
        hint: 'check the indentation and quoting on this line and the one before',
      };
    default:
      return { rule: 'yaml/syntax' };
  }
}

/** Library messages end in "at line N, column M:" plus a source excerpt, which could hold a secret. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '').trim();
}

/**
 * Block sequences nested on one line (`- - - - x`) deeper than MAX_DEPTH: the YAML library
 * recurses once per level and runs out of stack at about 10,000 of them.
 */
export function blockTooDeep(text: string): Position | undefined {
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    let i = start;
    while (i < stop && text[i] === ' ') i++;
    let depth = 0;
    while (
      i < stop &&
      (text[i] === '-' || text[i] === '?' || text[i] === ':') &&
      (text[i + 1] === ' ' || text[i + 1] === '\t')
    ) {
      if (++depth > MAX_DEPTH) return [line, i - start + 1];
      i += 2;
      while (i < stop && (text[i] === ' ' || text[i] === '\t')) i++;
    }
    if (end < 0) break;
    start = end + 1;
  }
  return undefined;
}

/**
 * Flow brackets nested deeper than MAX_DEPTH, found by a quick scan (quotes and comments
 * skipped). The YAML parser needs seconds, not milliseconds, for such input.
 */
export function flowTooDeep(text: string): Position | undefined {
  // Fewer opening brackets than the limit cannot nest past it: most files end here.
  let opening = 0;
  for (let i = 0; i < text.length && opening <= MAX_DEPTH; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) opening++;
  }
  if (opening <= MAX_DEPTH) return undefined;
  let depth = 0;
  let quote = '';
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (quote) {
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = '';
      }
      continue;
    }
    const prev = i === 0 ? '\n' : text[i - 1]!;
    const tokenStart = /[\s[{,:]/.test(prev);
    if (ch === '#' && /\s/.test(prev)) {
      const eol = text.indexOf('\n', i);
      i = (eol < 0 ? text.length : eol) - 1;
    } else if ((ch === '"' || ch === "'") && tokenStart) quote = ch;
    else if (ch === '[' || ch === '{') {
      if (++depth > MAX_DEPTH) return [line, i - lineStart + 1];
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
  }
  return undefined;
}
