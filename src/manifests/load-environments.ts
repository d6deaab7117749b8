// The repository as `berth validate` sees it: every environment berth.yaml declares (or the one
// asked for), each loaded on its own, their diagnostics merged so each problem is said once.
// Commands that check manifests without AWS (validate, set-image) share it.
import { compareDiagnostics } from './diagnostic.js';
import { declaredEnvironments, loadRepository, type LoadOptions } from './load.js';
import type { Diagnostic, LoadResult } from '../model/diagnostics.js';

export interface EnvironmentsLoad {
  /** The environments loaded one by one (empty: one load, of the environment asked for or none). */
  names: string[];
  results: LoadResult[];
  /** Every result's diagnostics, each once (see mergeEnvironments). */
  diagnostics: Diagnostic[];
}

/** Each declared environment when `opts.environment` is unset; else only that one. */
export async function loadEnvironments(root: string, opts: LoadOptions): Promise<EnvironmentsLoad> {
  const names = opts.environment === undefined ? await declaredEnvironments(root) : [];
  const results =
    names.length > 0
      ? await Promise.all(names.map((environment) => loadRepository(root, { ...opts, environment })))
      : [await loadRepository(root, opts)];
  return { names, results, diagnostics: mergeEnvironments(results, names) };
}

/**
 * Every environment's diagnostics, each once; one that only some environments have says which
 * (a value an environment overrides, a lookup only it uses).
 */
export function mergeEnvironments(results: LoadResult[], names: string[]): Diagnostic[] {
  if (names.length === 0) return results[0]?.diagnostics ?? [];
  const seen = new Map<string, { d: Diagnostic; in: string[] }>();
  results.forEach((r, i) => {
    for (const d of r.diagnostics) {
      const key = `${d.file}|${d.line}|${d.column}|${d.rule}|${d.pointer}|${d.message}`;
      const known = seen.get(key);
      if (known) known.in.push(names[i]!);
      else seen.set(key, { d, in: [names[i]!] });
    }
  });
  return [...seen.values()]
    .map(({ d, in: envs }) =>
      envs.length === names.length ? d : { ...d, message: `${d.message} (environment ${envs.join(', ')})` },
    )
    .sort(compareDiagnostics);
}
