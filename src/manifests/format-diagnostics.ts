// Diagnostics for people (text), programs (json) and GitHub Actions annotations (github).
// Pure: the caller decides where the string goes.
import type { Diagnostic } from '../model/diagnostics.js';
import { escapeControl } from '../report/terminal-text.js';

export const OUTPUT_FORMATS = ['text', 'json', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Totals {
  /** Jobs that loaded cleanly. */
  jobs: number;
  /** Job files looked at. */
  files: number;
}

/** Colours for the text form; the CLI passes one when colour is on (plain text otherwise). */
export type DiagnosticPaint = (style: 'red' | 'yellow' | 'dim', text: string) => string;
const plain: DiagnosticPaint = (_style, text) => text;

export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: OutputFormat,
  totals: Totals,
  paint: DiagnosticPaint = plain,
): string {
  if (format === 'json') return `${JSON.stringify(validateDocument(diagnostics, totals), null, 2)}\n`;
  if (format === 'github') return diagnostics.map(githubLine).join('') + `${summary(diagnostics, totals)}\n`;
  return (
    diagnosticBlocks(diagnostics, paint) +
    (diagnostics.length > 0 ? '\n' : '') +
    `${summary(diagnostics, totals)}\n`
  );
}

/**
 * The JSON output (kind berth.validate, docs/json-output.md): the verdict, the counts, and the
 * problems, each with keys always in this order:
 * severity ("error"|"warning"), file (repository-relative), line and column (1-based;
 * 0 when not tied to a place), pointer (JSON pointer in the document), rule (stable id),
 * message, and when known hint and job.
 */
function validateDocument(diagnostics: readonly Diagnostic[], totals: Totals) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    kind: 'berth.validate',
    formatVersion: 1,
    valid: errors === 0,
    errors,
    warnings: diagnostics.length - errors,
    jobs: totals.jobs,
    files: totals.files,
    diagnostics: diagnostics.map(jsonShape),
  };
}

function jsonShape(d: Diagnostic): Diagnostic {
  const out: Diagnostic = {
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    pointer: d.pointer,
    rule: d.rule,
    message: d.message,
  };
  if (d.hint !== undefined) out.hint = d.hint;
  if (d.job !== undefined) out.job = d.job;
  return out;
}

function where(d: Diagnostic): string {
  const file = escapeControl(d.file);
  return d.line > 0 ? `${file}:${d.line}:${d.column}` : file;
}

/** The one text form of diagnostics, for validate's output and every other command's stderr. */
export function diagnosticBlocks(diagnostics: readonly Diagnostic[], paint: DiagnosticPaint = plain): string {
  return diagnostics.map((d) => textBlock(d, paint)).join('');
}

/** Each field on its own line(s), control characters from names and values escaped. */
function textBlock(d: Diagnostic, paint: DiagnosticPaint): string {
  const severity = paint(d.severity === 'error' ? 'red' : 'yellow', d.severity);
  let s = `${where(d)}  ${severity}  ${escapeControl(d.message)}  ${paint('dim', `[${escapeControl(d.rule)}]`)}\n`;
  if (d.pointer) s += `    at ${escapeControl(d.pointer)}\n`;
  if (d.hint) s += `    hint: ${escapeControl(d.hint)}\n`;
  return s;
}

function summary(diagnostics: readonly Diagnostic[], totals: Totals): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const scope = `${plural(totals.jobs, 'valid job')} in ${plural(totals.files, 'file')}`;
  if (errors > 0) return `invalid: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${scope})`;
  if (warnings > 0) return `valid with ${plural(warnings, 'warning')} (${scope})`;
  return `valid: ${scope}, no problems`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// GitHub workflow commands: data escapes %, CR, LF; properties also escape : and ,.
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function githubLine(d: Diagnostic): string {
  const props = [`file=${escapeProperty(escapeControl(d.file))}`];
  if (d.line > 0) props.push(`line=${d.line}`, `col=${d.column}`);
  props.push(`title=${escapeProperty(escapeControl(d.rule))}`);
  let text = escapeControl(d.message);
  if (d.pointer) text += `\nat ${escapeControl(d.pointer)}`;
  if (d.hint) text += `\nhint: ${escapeControl(d.hint)}`;
  return `::${d.severity} ${props.join(',')}::${escapeData(text)}\n`;
}
