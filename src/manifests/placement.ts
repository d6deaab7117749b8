// Findings get a file, line and column. A rule about a merged job may be about a value
// the job inherited from berth.yaml: it is reported in the job (the job is what fails)
// at the nearest field the job does have, and the message says where the value came from.
import { diagnostic } from './diagnostic.js';
import { dotted } from './pointer.js';
import { locate } from './positions.js';
import type { PositionIndex } from './positions.js';
import type { Finding } from './rules/finding.js';
import type { Diagnostic } from '../model/diagnostics.js';

export interface Place {
  file: string;
  positions: PositionIndex;
  job?: string | undefined;
}

export function placeFinding(f: Finding, where: Place, config?: Place): Diagnostic {
  const found = locate(where.positions, f.pointer, f.atKey ? 'field' : 'value');
  let message = f.message;
  if (!found.exact && config) {
    const origin = inheritedFrom(f.pointer, config.positions);
    if (origin)
      message += ` (inherited from ${config.file}:${origin.at[0]}:${origin.at[1]}, ${dotted(origin.pointer)})`;
  }
  return diagnostic({
    severity: f.severity,
    file: where.file,
    line: found.at[0],
    column: found.at[1],
    pointer: f.pointer,
    rule: f.rule,
    message,
    hint: f.hint,
    job: where.job,
  });
}

/** Where berth.yaml sets the value a job pointer falls back to, if it does. */
export function inheritedFrom(
  pointer: string,
  config: PositionIndex,
): { pointer: string; at: [number, number] } | undefined {
  for (const candidate of defaultsPointers(pointer)) {
    const at = config.fields.get(candidate);
    if (at) return { pointer: candidate, at };
  }
  return undefined;
}

const NETWORK_FIELD = /^\/spec\/run\/(subnets|securityGroups|assignPublicIp)(\/.*)?$/;

export function defaultsPointers(pointer: string): string[] {
  const net = NETWORK_FIELD.exec(pointer);
  if (net)
    return [`/spec/defaults/run/${net[1]}${net[2] ?? ''}`, `/spec/defaults/network/${net[1]}${net[2] ?? ''}`];
  const container = /^\/spec\/containers\/\d+\/logging(\/.*)?$/.exec(pointer);
  if (container) return [`/spec/defaults/logging${container[1] ?? ''}`];
  const m = /^\/spec\/(task|logging|schedule|run|sync)(\/.*)?$/.exec(pointer);
  if (m) return [`/spec/defaults/${m[1]}${m[2] ?? ''}`];
  if (pointer === '/spec/tags' || pointer.startsWith('/spec/tags/')) return [pointer];
  return [];
}
