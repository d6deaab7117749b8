// What a document's lookups say about it before anything is resolved: syntax errors, and
// lookups where a value must be known without AWS (where berth works, what it owns). Pure.
import { diagnostic } from './diagnostic.js';
import { dotted } from './pointer.js';
import type { LookupSite } from './lookup-sites.js';
import type { Diagnostic } from '../model/diagnostics.js';

/** Fields that decide where lookups are resolved or what berth owns: literal values only. */
const FIXED: Record<'config' | 'job', RegExp> = {
  config:
    /^\/(apiVersion|kind|metadata(\/.*)?|spec\/(region|account|role|namePrefix|scheduleGroup|jobsDir|defaultEnvironment|ignoreTagKeys|lock)(\/.*)?|spec\/environments\/[^/]+\/(region|account|role|namePrefix|scheduleGroup|ignoreTagKeys|lock|jobs)(\/.*)?)$/,
  job: /^\/(apiVersion|kind|metadata(\/.*)?)$/,
};

export function lookupSiteDiagnostics(
  sites: readonly LookupSite[],
  kind: 'config' | 'job',
  file: string,
  job?: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of sites) {
    const at = { file, line: s.line, column: s.column, pointer: s.pointer, job };
    if (s.problem)
      out.push(
        diagnostic({
          severity: 'error',
          ...at,
          rule: s.problem.rule,
          message: s.problem.message,
          hint: s.problem.hint,
        }),
      );
    else if (s.call && FIXED[kind].test(s.pointer))
      out.push(
        diagnostic({
          severity: 'error',
          ...at,
          rule: 'lookup/not-allowed',
          message: `${dotted(s.pointer)} cannot use a lookup: berth needs it before anything is looked up`,
          hint: 'write the value itself (where berth works and what it owns must not depend on a lookup)',
        }),
      );
  }
  return out;
}

/** Findings about a value as written say nothing useful while it is still a `{{ … }}`. */
export function withoutLookupValues<T extends { pointer: string }>(
  findings: T[],
  sites: readonly LookupSite[],
): T[] {
  if (sites.length === 0) return findings;
  const pointers = new Set(sites.map((s) => s.pointer));
  return findings.filter((f) => !pointers.has(f.pointer));
}
