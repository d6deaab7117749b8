// Positioned diagnostics for people, on stderr of commands that are not `validate`: the same text
// form validate prints (src/manifests/format-diagnostics.ts), coloured when colour is on.
import { diagnosticBlocks } from '../manifests/format-diagnostics.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { painter } from '../report/ansi.js';

export function printDiagnostics(
  diags: readonly Diagnostic[],
  out: NodeJS.WritableStream,
  color: boolean,
): void {
  out.write(diagnosticBlocks(diags, painter(color)));
}
