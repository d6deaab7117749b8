// Target.Input is a JSON string of RunTask overrides: compared parsed, never as text.
import { byName, compact, isObject, unordered } from './json.js';

interface ContainerOverride {
  name?: string;
  environment?: { name?: string; value?: string | null }[];
  environmentFiles?: unknown[];
  resourceRequirements?: unknown[];
  [k: string]: unknown;
}

/** Parsed Input with containerOverrides keyed by container name and their env keyed by variable. */
export function normaliseInput(input: string | null | undefined): unknown {
  if (input === undefined || input === null || input.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    // Not JSON (hand-edited in the console?): compare the text, a difference still shows.
    return input;
  }
  if (!isObject(parsed)) return compact(parsed);
  const { containerOverrides, ...rest } = parsed;
  return compact({
    ...rest,
    containerOverrides: Array.isArray(containerOverrides)
      ? byName(containerOverrides as ContainerOverride[], normaliseOverride)
      : containerOverrides,
  });
}

function normaliseOverride(o: ContainerOverride): unknown {
  const { name: _name, environment, environmentFiles, resourceRequirements, ...rest } = o;
  return compact({
    ...rest,
    environment: byName(environment, (e) => e.value),
    environmentFiles: unordered(environmentFiles),
    resourceRequirements: unordered(resourceRequirements),
  });
}
