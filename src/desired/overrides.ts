// RunTask container overrides a schedule sends on every run (Target.Input). The run.*
// shorthand addresses one container (run.container or the main one); run.containers
// addresses any. Scheduler context placeholders such as <aws.scheduler.scheduled-time>
// are plain text here: Scheduler substitutes them when it invokes the target.
import type { ContainerOverrideSpec, RunSpec } from '../model/manifest.js';
import { environmentList } from './containers.js';
import { canonicalJson } from './hash.js';
import { compareStrings, error } from './problems.js';
import type { Report } from './problems.js';

export interface ContainerOverride {
  command?: string[];
  environment?: { name: string; value: string }[];
  name: string;
}

/** Overrides sorted by container name; containers with nothing to override are left out. */
export function containerOverrides(
  run: RunSpec,
  containerNames: string[],
  mainContainer: string,
  report: Report,
): ContainerOverride[] {
  const known = new Set(containerNames);
  const byName = new Map<string, ContainerOverrideSpec>();
  for (const name of Object.keys(run.containers ?? {}).sort(compareStrings)) {
    if (!known.has(name)) report(unknown(`/spec/run/containers/${name}`, name, containerNames));
    else byName.set(name, run.containers![name]!);
  }
  if (run.command !== undefined || run.environment !== undefined) {
    const target = run.container ?? mainContainer;
    // an unknown run.container is reported once, by the caller that chose mainContainer
    if (known.has(target)) {
      const base = byName.get(target) ?? {};
      const command = run.command ?? base.command;
      const environment = { ...base.environment, ...run.environment };
      byName.set(target, command === undefined ? { environment } : { command, environment });
    }
  }
  const out: ContainerOverride[] = [];
  for (const name of [...byName.keys()].sort(compareStrings)) {
    const spec = byName.get(name)!;
    const o: ContainerOverride = { name };
    if (spec.command !== undefined) o.command = [...spec.command];
    const env = environmentList(spec.environment);
    if (env) o.environment = env;
    if (o.command || o.environment) out.push(o);
  }
  return out;
}

/** Target.Input: canonical JSON (sorted keys) so equal overrides give byte-equal strings. */
export function overridesInput(overrides: ContainerOverride[]): string | undefined {
  return overrides.length > 0 ? canonicalJson({ containerOverrides: overrides }) : undefined;
}

function unknown(pointer: string, name: string, known: string[]) {
  return error(
    'render/unknown-container',
    pointer,
    `run overrides name container "${name}", which the job does not define`,
    `containers: ${known.join(', ') || '(none)'}`,
  );
}
