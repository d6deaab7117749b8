// Where a job's sensitive env vars live in the normalised shapes: container environments
// in the task definition, and the same names in the schedule's Input overrides.
import type { SensitivePredicate } from './diff.js';

export function sensitiveEnvPredicate(names: readonly string[]): SensitivePredicate {
  if (names.length === 0) return () => false;
  const set = new Set(names);
  return (s) =>
    (s.length === 4 &&
      s[0] === 'containerDefinitions' &&
      s[2] === 'environment' &&
      set.has(s[3] as string)) ||
    (s.length === 6 &&
      s[0] === 'Target' &&
      s[1] === 'Input' &&
      s[2] === 'containerOverrides' &&
      s[4] === 'environment' &&
      set.has(s[5] as string));
}
