// The containers of a generated job: the single-container shorthand or a list with unique
// names, at least one essential container, dependencies that form no cycle and a FireLens
// router whenever a container logs through awsfirelens.
import fc from 'fast-check';
import { arg, containerName, envMap, envValue, image, secretRef, text, word } from './values.js';
import type { GenEnv } from './values.js';

type Json = Record<string, unknown>;

export interface ContainerPlan {
  /** What goes under spec (image + shorthand fields, or containers). */
  spec: Json;
  /** Names of the job's containers, in order. */
  names: string[];
}

const logGroup = fc.constantFrom(
  '/berth/{prefix}{job}',
  '/ecs/{job}',
  'jobs/{prefix}{job}/main',
  '/aws/ecs/etl#1',
);

export const awslogs: fc.Arbitrary<Json> = fc.record(
  {
    driver: fc.constant('awslogs'),
    group: logGroup,
    streamPrefix: word('abcdefghij-{}', 1, 12).filter((s) => !/[{}]/.test(s) || s === '{job}'),
    createGroup: fc.boolean(),
    options: fc.dictionary(
      fc.constantFrom('mode', 'max-buffer-size'),
      fc.constantFrom('non-blocking', '25m'),
    ),
  },
  { requiredKeys: [] },
);

const logging = (router: boolean): fc.Arbitrary<Json | undefined> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: awslogs },
    { weight: 1, arbitrary: fc.constant({ driver: 'none' }) },
    ...(router
      ? [
          {
            weight: 2,
            arbitrary: fc.constant<Json>({
              driver: 'awsfirelens',
              options: { Name: 'cloudwatch_logs', region: 'us-east-1' },
            }),
          },
        ]
      : []),
  );

/** Shorthand fields every container may have: command, entryPoint, environment, secrets. */
function common(env: GenEnv): fc.Arbitrary<Json> {
  return fc
    .record(
      {
        command: fc.array(arg, { maxLength: 4 }),
        entryPoint: fc.array(arg, { minLength: 1, maxLength: 2 }),
        environment: envMap(envValue),
        secrets: envMap(secretRef(env), 3),
      },
      { requiredKeys: [] },
    )
    .map((c) => {
      // A name can be an environment variable or a secret, not both.
      if (c.environment && c.secrets)
        for (const k of Object.keys(c.secrets)) delete (c.environment as Json)[k];
      return c;
    });
}

export function shorthand(env: GenEnv): fc.Arbitrary<ContainerPlan> {
  return fc
    .tuple(image(env), fc.option(containerName, { nil: undefined }), common(env), logging(false))
    .map(([img, name, c, log]) => ({
      spec: { image: img, ...(name ? { containerName: name } : {}), ...c, ...(log ? { logging: log } : {}) },
      names: [name ?? ''],
    }));
}

/**
 * 1–4 containers. `ec2Memory`: the task has no memory, so each container needs memory or
 * memoryReservation ("hard": memory itself, which the emulator insists on for EC2).
 */
export function containerList(env: GenEnv, ec2Memory: boolean | 'hard' = false): fc.Arbitrary<ContainerPlan> {
  return fc
    .record({
      names: fc.uniqueArray(containerName, { minLength: 1, maxLength: 4 }),
      router: fc.boolean(),
    })
    .chain(({ names, router }) => {
      const withRouter = router && names.length > 1;
      const items = names.map((name, i) => container(env, name, i, names, withRouter, ec2Memory));
      return fc.tuple(...items).map((cs) => {
        // Something must be essential; the first container always is.
        cs[0]!.essential = true;
        // COMPLETE and SUCCESS may only wait for a container that is not essential.
        for (const c of cs)
          for (const d of (c.dependsOn as Json[] | undefined) ?? []) {
            const target = cs.find((x) => x.name === d.containerName)!;
            if (target.essential !== false && d.condition !== 'START') d.condition = 'START';
          }
        return { spec: { containers: cs }, names };
      });
    });
}

function container(
  env: GenEnv,
  name: string,
  index: number,
  names: string[],
  withRouter: boolean,
  ec2Memory: boolean | 'hard',
): fc.Arbitrary<Json> {
  const isRouter = withRouter && index === names.length - 1;
  const earlier = names.slice(0, index);
  // Each container gets at most 1/4 of the smallest Fargate task (256 cpu, 512 MiB).
  const memory = fc.integer({ min: 6, max: 128 });
  return fc
    .record(
      {
        essential: fc.boolean(),
        cpu: fc.integer({ min: 0, max: 64 }),
        memory,
        memoryReservation: fc.integer({ min: 6, max: 64 }),
        dependsOn:
          earlier.length > 0
            ? fc.uniqueArray(
                fc.record({
                  containerName: fc.constantFrom(...earlier),
                  condition: fc.constantFrom('START', 'COMPLETE', 'SUCCESS'),
                }),
                { maxLength: 2, selector: (d) => d.containerName },
              )
            : fc.constant([]),
        workingDirectory: fc.constantFrom('/app', '/srv/job', 'C:\\work'),
        user: fc.constantFrom('1000', '1000:1000', 'app'),
        stopTimeout: fc.integer({ min: 0, max: 120 }),
        readonlyRootFilesystem: fc.boolean(),
        dockerLabels: fc.dictionary(word('abcdef.-', 1, 10), text(10), { maxKeys: 2 }),
        logging: logging(withRouter && !isRouter),
      },
      { requiredKeys: [] },
    )
    .chain((c) =>
      fc.tuple(fc.constant(c), image(env), common(env), memory).map(([own, img, shared, mem]) => {
        const out: Json = { name, image: img, ...shared, ...own };
        if (own.logging === undefined) delete out.logging;
        if (
          out.memory !== undefined &&
          out.memoryReservation !== undefined &&
          (out.memoryReservation as number) > (out.memory as number)
        )
          out.memoryReservation = out.memory;
        if (
          ec2Memory &&
          out.memory === undefined &&
          (out.memoryReservation === undefined || ec2Memory === 'hard')
        )
          out.memory = Math.max(mem, (out.memoryReservation as number | undefined) ?? 0);
        if (isRouter)
          out.firelensConfiguration = { type: 'fluentbit', options: { 'enable-ecs-log-metadata': 'true' } };
        return out;
      }),
    );
}
