// The env var names of one job whose values plans, reports and logs must mask.
import type { ContainerSpec } from '../model/manifest.js';
import type { ContainerOverride } from './overrides.js';
import { compareStrings } from './problems.js';
import { isSensitiveEnv } from './sensitive.js';

export function sensitiveEnvNames(containers: ContainerSpec[], overrides: ContainerOverride[]): string[] {
  const names = new Set<string>();
  for (const c of containers)
    for (const [name, value] of Object.entries(c.environment ?? {}))
      if (isSensitiveEnv(name, value)) names.add(name);
  for (const o of overrides)
    for (const { name, value } of o.environment ?? []) if (isSensitiveEnv(name, value)) names.add(name);
  return [...names].sort(compareStrings);
}
