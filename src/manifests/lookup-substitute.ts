// Resolved lookups put into a document: each `{{ … }}` of a value replaced by what it resolved
// to, a failed one reported where it is written. Which lookups a document needs depends on its
// environment: those of other environments' overrides, or of values an override replaced, are
// not needed (and never resolved). Pure.
import { MASK } from '../desired/sensitive.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { LookupCall, LookupResult, LookupUse, ResolvedLookups } from '../model/lookups.js';
import { diagnostic } from './diagnostic.js';
import { ENVIRONMENTS_POINTER, resolvedPointer } from './environments.js';
import { hasLookup, substituteTemplate } from './lookup-syntax.js';
import type { LookupSite } from './lookup-sites.js';
import { joinPointer } from './pointer.js';

/** A site with the pointer its value has once the environment is applied. */
export interface ActiveSite extends LookupSite {
  resolved: string;
}

/** The sites whose values are still in `value` (the document with its environment applied). */
export function activeSites(
  value: unknown,
  sites: readonly LookupSite[] | undefined,
  env: string | undefined,
): ActiveSite[] {
  if (!sites || sites.length === 0) return [];
  const fromEnv = new Map<string, ActiveSite[]>();
  const fromBase = new Map<string, ActiveSite[]>();
  for (const s of sites) {
    const moved = env === undefined ? undefined : resolvedPointer(s.pointer, env);
    const [map, resolved] =
      moved !== undefined
        ? [fromEnv, moved]
        : s.pointer === ENVIRONMENTS_POINTER || s.pointer.startsWith(`${ENVIRONMENTS_POINTER}/`)
          ? [undefined, '']
          : [fromBase, s.pointer];
    if (!map) continue;
    const list = map.get(resolved) ?? [];
    list.push({ ...s, resolved });
    map.set(resolved, list);
  }
  const out: ActiveSite[] = [];
  walkStrings(value, '', (pointer, text) => {
    if (hasLookup(text)) out.push(...(fromEnv.get(pointer) ?? fromBase.get(pointer) ?? []));
  });
  return out;
}

/** The distinct calls of these sites. */
export function callsOf(sites: readonly ActiveSite[]): LookupCall[] {
  const calls = new Map<string, LookupCall>();
  for (const s of sites) if (s.call) calls.set(s.call.key, s.call);
  return [...calls.values()];
}

export interface Substituted<T> {
  value: T;
  diagnostics: Diagnostic[];
  uses: LookupUse[];
  /** Pointers whose value holds a lookup that was not resolved (deferred or failed): rules skip them. */
  deferred: Set<string>;
}

export function substituteLookups<T>(
  value: T,
  sites: readonly ActiveSite[],
  lookups: ResolvedLookups | undefined,
  where: { file: string; job?: string | undefined },
): Substituted<T> {
  const result: Substituted<T> = { value, diagnostics: [], uses: [], deferred: new Set() };
  if (sites.length === 0) return result;
  const byPointer = new Map<string, ActiveSite[]>();
  for (const s of sites) byPointer.set(s.resolved, [...(byPointer.get(s.resolved) ?? []), s]);
  result.value = mapStrings(value, '', (pointer, text) => {
    const here = byPointer.get(pointer);
    if (!here) return text;
    let i = 0;
    return substituteTemplate(text, (part) => {
      const site = here[i++];
      if (part.literal !== undefined) return part.literal;
      if (!part.call || !site) return undefined;
      const r: LookupResult | undefined = lookups?.get(part.call.key);
      if (!r || !r.ok) {
        // The failure is the problem; rules would only repeat it about the text left in place.
        result.diagnostics.push(failure(site, r, where));
        result.deferred.add(pointer);
        return undefined;
      }
      if (r.deferred) result.deferred.add(pointer);
      result.uses.push({
        expression: site.raw,
        fn: part.call.fn,
        source: r.source,
        value: r.sensitive ? MASK : r.value,
        file: where.file,
        line: site.line,
        column: site.column,
      });
      return r.value;
    });
  }) as T;
  return result;
}

function failure(
  site: ActiveSite,
  r: Extract<LookupResult, { ok: false }> | undefined,
  where: { file: string; job?: string | undefined },
): Diagnostic {
  return diagnostic({
    severity: 'error',
    file: where.file,
    line: site.line,
    column: site.column,
    pointer: site.resolved,
    rule: r ? 'lookup/failed' : 'lookup/unresolved',
    message: r ? `${site.raw}: ${r.message}` : `${site.raw} was not resolved`,
    hint: r?.hint ?? 'lookups are resolved by the commands that read AWS (plan, apply, …)',
    job: where.job,
  });
}

function walkStrings(value: unknown, pointer: string, visit: (pointer: string, text: string) => void): void {
  if (typeof value === 'string') visit(pointer, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, joinPointer(pointer, i), visit));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) walkStrings(v, joinPointer(pointer, k), visit);
}

function mapStrings(value: unknown, pointer: string, f: (pointer: string, text: string) => string): unknown {
  if (typeof value === 'string') return f(pointer, value);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, joinPointer(pointer, i), f));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, joinPointer(pointer, k), f)]),
    );
  return value;
}
