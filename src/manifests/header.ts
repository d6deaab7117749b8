// apiVersion and kind come first: without them the rest of a document cannot be read
// against the right schema, so they are checked on their own, with their own rules.
import { diagnostic } from './diagnostic.js';
import { locate } from './positions.js';
import type { PositionIndex, Position } from './positions.js';
import { suggest } from './suggest.js';
import type { Diagnostic } from '../model/diagnostics.js';

export const API_VERSION = 'berth/v1';

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function notAMapping(file: string, value: unknown, at: Position, kind: 'Job' | 'Config'): Diagnostic {
  const what = Array.isArray(value) ? 'a list' : `a single ${typeof value === 'string' ? 'string' : 'value'}`;
  return diagnostic({
    severity: 'error',
    file,
    line: at[0],
    column: at[1],
    pointer: '',
    rule: 'manifest/not-a-mapping',
    message: `the document is ${what}, not a ${kind} manifest`,
    hint: `a ${kind} starts with apiVersion: ${API_VERSION}, kind: ${kind}, metadata and spec`,
  });
}

export function checkHeader(
  file: string,
  doc: Record<string, unknown>,
  positions: PositionIndex,
  kind: 'Job' | 'Config',
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (pointer: string, rule: string, message: string, hint?: string) => {
    const { at } = locate(positions, pointer);
    out.push(
      diagnostic({ severity: 'error', file, line: at[0], column: at[1], pointer, rule, message, hint }),
    );
  };
  const api = doc.apiVersion;
  if (api === undefined)
    report('/apiVersion', 'manifest/api-version', `missing apiVersion`, `add apiVersion: ${API_VERSION}`);
  else if (api !== API_VERSION)
    report(
      '/apiVersion',
      'manifest/api-version',
      `apiVersion ${JSON.stringify(api).slice(0, 40)} is not supported`,
      `this version of berth reads apiVersion: ${API_VERSION}`,
    );
  const k = doc.kind;
  if (k === undefined) report('/kind', 'manifest/kind', 'missing kind', `add kind: ${kind}`);
  else if (k !== kind) {
    const hint =
      kind === 'Job' && k === 'Config'
        ? 'the repository config belongs in berth.yaml at the repository root, not among the jobs'
        : kind === 'Config' && k === 'Job'
          ? 'berth.yaml holds the repository config (kind: Config); jobs go in the jobs directory'
          : typeof k === 'string' && suggest(k, [kind])
            ? `did you mean "${kind}"?`
            : `expected kind: ${kind}`;
    report('/kind', 'manifest/kind', `kind ${JSON.stringify(k).slice(0, 40)} is not ${kind}`, hint);
  }
  return out;
}
