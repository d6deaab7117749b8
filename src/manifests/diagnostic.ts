// Building Diagnostics without `undefined` members, and ordering them for output.
import type { Diagnostic, Severity } from '../model/diagnostics.js';

export interface DiagnosticInit {
  severity: Severity;
  file: string;
  line: number;
  column: number;
  pointer: string;
  rule: string;
  message: string;
  hint?: string | undefined;
  job?: string | undefined;
}

export function diagnostic(init: DiagnosticInit): Diagnostic {
  const { hint, job, ...rest } = init;
  const d: Diagnostic = { ...rest };
  if (hint !== undefined) d.hint = hint;
  if (job !== undefined) d.job = job;
  return d;
}

/** File, then place, then rule: stable output whatever order the checks ran in. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.rule, b.rule) ||
    cmp(a.pointer, b.pointer) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
