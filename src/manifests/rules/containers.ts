// The containers of a job: one way of declaring them, unique names, something essential,
// dependencies that exist and do not go round in circles, run overrides that hit a container.
import { append } from '../append.js';
import { joinPointer } from '../pointer.js';
import { suggest } from '../suggest.js';
import { error } from './finding.js';
import type { Finding, JobContext } from './finding.js';
import { containerPointer } from './task.js';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const SHORTHAND_ONLY = ['containerName', 'entryPoint', 'command', 'environment', 'secrets'] as const;

export function checkContainers(ctx: JobContext): Finding[] {
  const s = ctx.raw.spec;
  const out: Finding[] = [];
  if (s.image !== undefined && s.containers !== undefined)
    out.push(
      error(
        'spec/image-or-containers',
        '/spec/containers',
        'set either spec.image (one container) or spec.containers, not both',
        'move the image into the containers list, or drop containers',
      ),
    );
  if (s.image === undefined && s.containers === undefined)
    out.push(
      error(
        'spec/image-or-containers',
        '/spec',
        'the job has no container: set spec.image or spec.containers',
      ),
    );
  if (s.containers !== undefined)
    for (const field of SHORTHAND_ONLY)
      if (s[field] !== undefined)
        out.push(
          error(
            'spec/shorthand-field',
            `/spec/${field}`,
            `spec.${field} belongs to the single-container shorthand (spec.image), not to a job with containers`,
            `move it into the container in spec.containers`,
          ),
        );

  const containers = ctx.job.containers;
  const names = containers.map((c) => c.name);
  const first = new Map<string, number>();
  containers.forEach((c, i) => {
    const at = containerPointer(ctx, i);
    const namePointer = s.containers ? `${at}/name` : '/spec/containerName';
    if ((s.containers || s.containerName !== undefined) && !NAME.test(c.name))
      out.push(
        error(
          'container/name',
          namePointer,
          `container name "${c.name.slice(0, 60)}" may only have letters, digits, - and _`,
        ),
      );
    const earlier = first.get(c.name);
    if (earlier !== undefined)
      out.push(
        error(
          'container/duplicate-name',
          namePointer,
          `container name "${c.name}" is used twice (also containers[${earlier}])`,
        ),
      );
    else first.set(c.name, i);
  });
  if (containers.length > 0 && !containers.some((c) => c.essential !== false))
    out.push(
      error(
        'container/essential',
        '/spec/containers',
        'no container is essential; ECS needs at least one',
        'remove essential: false from the main container',
      ),
    );

  append(out, dependencies(ctx, names));
  out.push(...runTargets(ctx, names));
  out.push(...firelens(ctx));
  return out;
}

/**
 * ECS refuses COMPLETE and SUCCESS on an essential container (the task would stop when it
 * exits), and HEALTHY needs a container health check, which a berth manifest cannot declare.
 */
function conditionProblem(condition: string, target: { name: string; essential?: boolean }) {
  if ((condition === 'COMPLETE' || condition === 'SUCCESS') && target.essential !== false)
    return {
      message: `${condition} waits for "${target.name}" to exit, but it is essential (ECS refuses that)`,
      hint: `set essential: false on "${target.name}", or wait for START`,
    };
  if (condition === 'HEALTHY')
    return {
      message: `HEALTHY needs a health check on "${target.name}", and berth manifests do not declare health checks`,
      hint: 'wait for START (or COMPLETE / SUCCESS of a container that is not essential)',
    };
  return undefined;
}

function dependencies(ctx: JobContext, names: string[]): Finding[] {
  const out: Finding[] = [];
  const containers = ctx.job.containers;
  const known = new Set(names);
  const edges = new Map<string, string[]>();
  containers.forEach((c, i) => {
    (c.dependsOn ?? []).forEach((d, j) => {
      const item = `${containerPointer(ctx, i)}/dependsOn/${j}`;
      const at = `${item}/containerName`;
      if (d.containerName === c.name)
        out.push(error('container/depends-on', at, `container "${c.name}" depends on itself`));
      else if (!known.has(d.containerName)) {
        const close = suggest(d.containerName, names);
        out.push(
          error(
            'container/depends-on',
            at,
            `dependsOn names "${d.containerName}", which is not a container of this job${close ? ` — did you mean "${close}"?` : ''}`,
            `containers: ${names.join(', ')}`,
          ),
        );
      } else {
        const reason = conditionProblem(d.condition, containers[names.indexOf(d.containerName)]!);
        if (reason)
          out.push(error('container/depends-on-condition', `${item}/condition`, reason.message, reason.hint));
        const list = edges.get(c.name) ?? [];
        list.push(d.containerName);
        edges.set(c.name, list);
      }
    });
  });
  const cycle = findCycle(names, edges);
  if (cycle) {
    const i = names.indexOf(cycle[0]!);
    out.push(
      error(
        'container/depends-on-cycle',
        `${containerPointer(ctx, i)}/dependsOn`,
        `containers depend on each other in a circle: ${cycle.join(' → ')}`,
        'the task could never start; remove one of the dependencies',
      ),
    );
  }
  return out;
}

/** One cycle as a path that returns to its start, or undefined. */
export function findCycle(nodes: string[], edges: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n];
    state.set(n, 'open');
    path.push(n);
    for (const m of edges.get(n) ?? []) {
      const found = visit(m);
      if (found) return found;
    }
    path.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of nodes) {
    const found = visit(n);
    if (found) return found;
  }
  return undefined;
}

function runTargets(ctx: JobContext, names: string[]): Finding[] {
  const out: Finding[] = [];
  const run = ctx.raw.spec.run;
  const unknown = (pointer: string, name: string, what: string) => {
    const close = suggest(name, names);
    out.push(
      error(
        what,
        pointer,
        `"${name}" is not a container of this job${close ? ` — did you mean "${close}"?` : ''}`,
        `containers: ${names.join(', ') || '(none)'}`,
      ),
    );
  };
  if (run?.container !== undefined && !names.includes(run.container))
    unknown('/spec/run/container', run.container, 'run/container');
  for (const name of Object.keys(run?.containers ?? {}))
    if (!names.includes(name)) unknown(joinPointer('/spec/run/containers', name), name, 'run/containers');
  return out;
}

function firelens(ctx: JobContext): Finding[] {
  const cs = ctx.job.containers;
  const routers = cs.flatMap((c, i) => (c.firelensConfiguration ? [i] : []));
  const out: Finding[] = [];
  if (routers.length > 1)
    out.push(
      error(
        'logging/firelens-router',
        `${containerPointer(ctx, routers[1]!)}/firelensConfiguration`,
        'a task can have only one FireLens log router',
      ),
    );
  if (routers.length === 0) {
    const i = cs.findIndex((c) => c.logging?.driver === 'awsfirelens');
    if (i >= 0)
      out.push(
        error(
          'logging/firelens-router',
          `${containerPointer(ctx, i)}/logging/driver`,
          `container "${cs[i]!.name}" logs with awsfirelens, but no container is a FireLens log router`,
          'add a container with firelensConfiguration (e.g. aws-for-fluent-bit), or use driver awslogs',
        ),
      );
  }
  return out;
}
