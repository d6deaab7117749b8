// Which environment a command works on: the one asked for (--env / BERTH_ENV), else
// berth.yaml's defaultEnvironment. A repository with environments and neither is an error that
// lists them: planning the wrong account is worse than a missing flag. Pure.
import type { Diagnostic } from '../model/diagnostics.js';
import type { RepoConfig } from '../model/manifest.js';
import { diagnostic } from './diagnostic.js';
import { ENVIRONMENTS_POINTER, environmentNames } from './environments.js';
import { locate, type PositionIndex } from './positions.js';
import { suggest } from './suggest.js';

export interface EnvironmentChoice {
  /** The environment in force (undefined: the repository has none). */
  name: string | undefined;
  /** False when the choice failed: nothing may be rendered. */
  ok: boolean;
  diagnostics: Diagnostic[];
}

export function chooseEnvironment(
  config: RepoConfig | undefined,
  requested: string | undefined,
  file: string,
  positions: PositionIndex | undefined,
): EnvironmentChoice {
  if (!config) return { name: undefined, ok: true, diagnostics: [] };
  const names = environmentNames(config);
  const fail = (rule: string, pointer: string, message: string, hint: string): EnvironmentChoice => {
    const at: [number, number] = positions ? locate(positions, pointer, 'field').at : [0, 0];
    const d = diagnostic({
      severity: 'error',
      file,
      line: at[0],
      column: at[1],
      pointer,
      rule,
      message,
      hint,
    });
    return { name: undefined, ok: false, diagnostics: [d] };
  };
  if (names.length === 0) {
    if (requested === undefined) return { name: undefined, ok: true, diagnostics: [] };
    return fail(
      'environment/not-declared',
      '/spec',
      `environment "${requested}" was asked for (--env or BERTH_ENV), but ${file} declares no environments`,
      'drop --env / BERTH_ENV, or declare the environment under spec.environments',
    );
  }
  const list = names.join(', ');
  if (requested !== undefined) {
    if (names.includes(requested)) return { name: requested, ok: true, diagnostics: [] };
    const close = suggest(requested, names);
    return fail(
      'environment/unknown',
      ENVIRONMENTS_POINTER,
      `no environment "${requested}" in ${file}${close ? ` (did you mean ${close}?)` : ''}`,
      `environments: ${list}`,
    );
  }
  const fallback = config.spec.defaultEnvironment;
  // A defaultEnvironment that names nothing is reported by the config rules.
  if (fallback !== undefined && names.includes(fallback))
    return { name: fallback, ok: true, diagnostics: [] };
  return fail(
    'environment/required',
    ENVIRONMENTS_POINTER,
    `${file} declares environments (${list}): choose one with --env NAME or BERTH_ENV`,
    'or set spec.defaultEnvironment',
  );
}
