// Pieces of human output shared by run and backfill: shell-quoted commands and
// environment with secret values masked (secrets never reach the terminal or CI logs).
import { maskSecretShapes } from '../desired/secret-shapes.js';
import { isSensitiveEnv, MASK } from '../desired/sensitive.js';
import type { TaskOverride } from './overrides.js';

/** Quotes an argument only when a shell would split or expand it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

export function shellJoin(args: string[]): string {
  return args.map(shellQuote).join(' ');
}

/** Overrides with every sensitive environment value replaced by the mask. */
export function redactOverrides(overrides: TaskOverride, sensitiveNames: readonly string[]): TaskOverride {
  if (!overrides.containerOverrides) return overrides;
  return {
    ...overrides,
    containerOverrides: overrides.containerOverrides.map((c) =>
      c.environment
        ? {
            ...c,
            environment: c.environment.map((e) =>
              sensitiveNames.includes(e.name ?? '') || isSensitiveEnv(e.name ?? '', e.value)
                ? { ...e, value: MASK }
                : e,
            ),
          }
        : c,
    ),
  };
}

/** One line per container override: `name: command … · env K=V …` (overrides already redacted). */
export function describeOverrides(overrides: TaskOverride): string[] {
  return (overrides.containerOverrides ?? []).map((c) => {
    const parts: string[] = [];
    if (c.command) parts.push(`command ${c.command.length > 0 ? shellJoin(c.command) : '(empty)'}`);
    if (c.environment?.length)
      parts.push(
        `env ${c.environment.map((e) => `${e.name}=${e.value === MASK ? MASK : shellQuote(e.value ?? '')}`).join(' ')}`,
      );
    return maskSecretShapes(`${c.name}: ${parts.join(' · ') || '(no change)'}`);
  });
}
