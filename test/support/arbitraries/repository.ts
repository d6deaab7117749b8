// Schema-valid repositories: a berth.yaml and jobs that follow every rule berth checks (and
// the AWS rules it relies on), derived from schemas/*.schema.json field by field. Property
// tests use it to say "whatever a user may validly write renders, and AWS accepts it".
import fc from 'fast-check';
import { awslogs, containerList, shorthand } from './containers.js';
import { repoConfig, retry, sqsArn, withoutUndefined } from './config.js';
import type { ContainerPlan } from './containers.js';
import { dateIn, expression, timezone } from './expressions.js';
import {
  clusterRef,
  envMap,
  fargateSize,
  jobName,
  overrideArg,
  overrideValue,
  roleArn,
  tags,
  text,
  word,
} from './values.js';
import type { GenEnv } from './values.js';

type Json = Record<string, unknown>;

export interface GeneratedRepo {
  config: Json;
  jobs: Json[];
}

export type Launch = 'default' | 'fargate-size' | 'spot' | 'ec2' | 'external';
export const LAUNCHES: readonly Launch[] = ['default', 'default', 'fargate-size', 'spot', 'ec2', 'external'];

/** The job's own task section for a launch choice, and whether its containers need memory. */
function task(
  env: GenEnv,
  launch: Launch,
  defaults: Json,
): fc.Arbitrary<{ task?: Json; ec2Memory: boolean }> {
  // Fargate-only defaults do not carry over to EC2: drop them (null) rather than inherit a warning.
  const notFargate: Json = {};
  if (defaults.ephemeralStorageGiB !== undefined) notFargate.ephemeralStorageGiB = null;
  if (defaults.platformVersion !== undefined) notFargate.platformVersion = null;
  switch (launch) {
    case 'default':
      return fc.constant({ ec2Memory: false });
    case 'fargate-size':
      return fc.tuple(fargateSize, fc.option(roleArn(env), { nil: undefined })).map(([size, exec]) => ({
        task: { ...size, ...(exec ? { executionRoleArn: exec } : {}) },
        ec2Memory: false,
      }));
    case 'spot':
      return fc
        .uniqueArray(
          fc.record(
            {
              capacityProvider: fc.constantFrom('FARGATE', 'FARGATE_SPOT'),
              weight: fc.integer({ min: 0, max: 1000 }),
            },
            { requiredKeys: ['capacityProvider'] },
          ),
          { minLength: 1, maxLength: 2, selector: (i) => i.capacityProvider },
        )
        .chain((items) =>
          fc.integer({ min: 0, max: 100000 }).map((base) => {
            items[0] = { ...items[0]!, ...(base % 2 === 0 ? { base: base % 1000 } : {}) };
            return { task: { capacityProviderStrategy: items }, ec2Memory: false };
          }),
        );
    case 'ec2':
    case 'external':
      return fc
        .record({
          networkMode:
            launch === 'ec2'
              ? fc.constantFrom('awsvpc', 'bridge', 'host', 'none')
              : fc.constantFrom('bridge', 'host', 'none'),
          dropSize: fc.boolean(),
        })
        .map(({ networkMode, dropSize }) => ({
          task: {
            launchType: launch === 'ec2' ? 'EC2' : 'EXTERNAL',
            networkMode,
            ...notFargate,
            ...(dropSize ? { cpu: null, memory: null } : {}),
          },
          ec2Memory: dropSize,
        }));
  }
}

function schedule(env: GenEnv): fc.Arbitrary<Json> {
  return expression.chain(({ kind, e }) =>
    fc
      .record(
        {
          timezone: fc.oneof(timezone, fc.constant(null)),
          state: fc.constantFrom('ENABLED', 'DISABLED'),
          description: fc.oneof(text(80), fc.constant(null)),
          startDate: dateIn([2031, 2034]),
          endDate: dateIn([2036, 2040]),
          flexibleWindowMinutes: fc.integer({ min: 0, max: 1440 }),
          retry: fc.oneof(retry, fc.constant(null)),
          deadLetterQueueArn: sqsArn(env),
          actionAfterCompletion: kind === 'at' ? fc.constantFrom('NONE', 'DELETE') : fc.constant('NONE'),
        },
        { requiredKeys: [] },
      )
      .map((s) => ({ expression: e, ...s })),
  );
}

function run(env: GenEnv, names: string[], fargate: boolean, awsvpc: boolean): fc.Arbitrary<Json> {
  const network = awsvpc
    ? fc.record(
        {
          subnets: fc.shuffledSubarray(env.subnets, { minLength: 1 }),
          securityGroups: fc.shuffledSubarray(env.securityGroups, { minLength: 1 }),
          ...(fargate ? { assignPublicIp: fc.boolean() } : {}),
        },
        { requiredKeys: [] },
      )
    : fc.constant({});
  const override = fc.record(
    { command: fc.array(overrideArg, { maxLength: 3 }), environment: envMap(overrideValue, 3) },
    { requiredKeys: [] },
  );
  return fc
    .tuple(
      fc.record(
        {
          command: fc.array(overrideArg, { maxLength: 4 }),
          environment: envMap(overrideValue, 4),
          container: fc.constantFrom(...names),
          containers: fc.dictionary(fc.constantFrom(...names), override, { maxKeys: names.length }),
          cluster: clusterRef(env),
          taskCount: fc.integer({ min: 1, max: 10 }),
          tags: tags(5),
          propagateTags: fc.constantFrom('TASK_DEFINITION', 'NONE'),
          enableEcsManagedTags: fc.boolean(),
          enableExecuteCommand: fc.boolean(),
          group: word('abcdefgh:-_', 1, 20),
        },
        { requiredKeys: [] },
      ),
      network,
    )
    .map(([r, n]) => ({ ...r, ...n }));
}

function job(env: GenEnv, cfg: Json, name: string, opts: RepositoryOptions): fc.Arbitrary<Json> {
  const launches = opts.launches ?? LAUNCHES;
  const defaults = ((cfg.spec as Json).defaults as Json) ?? {};
  const defaultsTask = (defaults.task as Json) ?? {};
  return fc.constantFrom<Launch>(...launches).chain((launch) =>
    task(env, launch, defaultsTask).chain(({ task: own, ec2Memory }) => {
      const fargate = launch === 'default' || launch === 'fargate-size' || launch === 'spot';
      const awsvpc = ((own?.networkMode as string | undefined) ?? 'awsvpc') === 'awsvpc';
      const containers: fc.Arbitrary<ContainerPlan> = ec2Memory
        ? containerList(env, opts.emulator ? 'hard' : true)
        : fc.oneof(shorthand(env), containerList(env, false));
      return containers.chain((plan) => {
        const names = plan.names.map((n) => n || name);
        return fc
          .record(
            {
              description: text(100),
              labels: fc.dictionary(word('abcdefgh-', 1, 10), text(20), { maxKeys: 3 }),
              schedule: fc.option(schedule(env), { freq: 6, nil: undefined }),
              run: run(env, names, fargate, awsvpc),
              tags: tags(8),
              sync: fc.record({ selfHeal: fc.boolean(), preventDestroy: fc.boolean() }, { requiredKeys: [] }),
              logging: fc.oneof(awslogs, fc.constant({ driver: 'none' }), fc.constant(null)),
            },
            { requiredKeys: ['schedule'] },
          )
          .map(({ description, labels, ...spec }) => {
            // A public IP exists only on Fargate: an inherited default must be turned off here.
            if (!fargate && awsvpc && (defaults.network as Json | undefined)?.assignPublicIp === true)
              spec.run = { ...spec.run, assignPublicIp: false };
            const metadata: Json = { name };
            if (description !== undefined) metadata.description = description;
            if (labels !== undefined) metadata.labels = labels;
            return {
              apiVersion: 'berth/v1',
              kind: 'Job',
              metadata,
              spec: withoutUndefined({ ...plan.spec, ...(own ? { task: own } : {}), ...spec }),
            };
          });
      });
    }),
  );
}

export interface RepositoryOptions {
  maxJobs?: number;
  /** Launch choices to draw from (repeats weigh more). */
  launches?: readonly Launch[];
  /**
   * Only what the local emulator can round-trip: it wants a hard memory limit on every EC2
   * container of a task without memory (AWS accepts memoryReservation alone).
   */
  emulator?: boolean;
}

/** A berth.yaml and 1–maxJobs jobs with unique names, valid together. */
export function repository(env: GenEnv, opts: RepositoryOptions = {}): fc.Arbitrary<GeneratedRepo> {
  const maxJobs = opts.maxJobs ?? 4;
  return repoConfig(env).chain((cfg) => {
    const prefix = String((cfg.spec as Json).namePrefix ?? '');
    return fc
      .uniqueArray(
        jobName.filter((n) => prefix.length + n.length <= 64),
        {
          minLength: 1,
          maxLength: maxJobs,
          // names that differ only in case are legal but a trap for people: keep them apart
          selector: (n) => n.toLowerCase(),
        },
      )
      .chain((names) => fc.tuple(...names.map((n) => job(env, cfg, n, opts))))
      .map((jobs) => ({ config: cfg, jobs }));
  });
}
