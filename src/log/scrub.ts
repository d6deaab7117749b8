// Masking what the process knows to be secret, wherever it shows up: log lines (logger.ts) and
// alerts (the controller's dispatcher). URL credentials are masked too.
import { redactText } from '../source/redact-url.js';
import { REDACTED } from './redact-paths.js';

/** Replaces each known secret, raw or URL-encoded, longest first (a URL before its path). */
export function secretMask(secrets: readonly string[]): (s: string) => string {
  const forms = [...new Set(secrets.flatMap((v) => (v ? [v, encodeURIComponent(v)] : [])))].sort(
    (a, b) => b.length - a.length,
  );
  if (forms.length === 0) return (s) => s;
  return (s) => {
    let out = s;
    for (const f of forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
    return out;
  };
}

/** Every string in a plain value (objects, arrays; depth-limited) with URL credentials and secrets masked. */
export function scrubStrings<T>(value: T, mask: (s: string) => string, depth = 0): T {
  if (typeof value === 'string') return mask(value.includes('://') ? redactText(value) : value) as T;
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubStrings(v, mask, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubStrings(v, mask, depth + 1);
  return out as T;
}
