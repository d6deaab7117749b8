// Positioned diagnostics for people, on stderr of commands that are not `validate`.
import type { Diagnostic } from '../model/diagnostics.js';
import { escapeControl } from '../report/terminal-text.js';

export function printDiagnostics(
  diags: readonly Diagnostic[],
  out: NodeJS.WritableStream,
  color: boolean,
): void {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  for (const d of diags) {
    const file = escapeControl(d.file);
    const where = d.line > 0 ? `${file}:${d.line}:${d.column}` : file;
    const sev = d.severity === 'error' ? paint('31', 'error') : paint('33', 'warning');
    out.write(`${where}  ${sev}  ${escapeControl(d.message)}  [${escapeControl(d.rule)}]\n`);
    if (d.hint) out.write(`    hint: ${escapeControl(d.hint)}\n`);
  }
}
