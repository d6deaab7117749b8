// With `-o json`, a failure is a document too: berth.error on stdout (the one-line message and
// hint still go to stderr for people), so a script that parses stdout always gets one JSON object.
import { CommanderError } from 'commander';
import { maskSecretShapes } from '../desired/secret-shapes.js';
import { BerthError } from '../model/errors.js';
import { jsonDocument } from '../report/json-envelope.js';
import { isSystemError, systemErrorMessage } from './user-error.js';

/** Whether the command line asks for JSON output: -o json, -ojson, --output json, --output=json. */
export function wantsJson(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return false;
    if ((a === '-o' || a === '--output') && args[i + 1] === 'json') return true;
    if (a === '-ojson' || a === '--output=json') return true;
  }
  return false;
}

export function errorDocument(err: unknown): string {
  if (err instanceof BerthError)
    return jsonDocument('berth.error', {
      error: { code: err.code, message: maskSecretShapes(err.message), hint: err.hint ?? null },
    });
  if (err instanceof CommanderError)
    return jsonDocument('berth.error', {
      error: {
        code: 'Usage',
        message: err.message.replace(/^error: /, ''),
        hint: 'see berth <command> --help',
      },
    });
  if (isSystemError(err))
    return jsonDocument('berth.error', {
      error: { code: 'System', message: systemErrorMessage(err), hint: null },
    });
  return jsonDocument('berth.error', {
    error: { code: 'Internal', message: err instanceof Error ? err.message : String(err), hint: null },
  });
}
