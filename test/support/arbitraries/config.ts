// The berth.yaml of a generated repository: ownership, naming, and defaults for every section
// (task size and roles, network, logging, schedule, run, sync), each valid by berth's rules.
import fc from 'fast-check';
import { awslogs } from './containers.js';
import { timezone } from './expressions.js';
import { clusterRef, fargateSize, roleArn, tags, word } from './values.js';
import type { GenEnv } from './values.js';

type Json = Record<string, unknown>;

export const sqsArn = (env: GenEnv) =>
  word('abcdefgh-_', 1, 20).map((q) => `arn:aws:sqs:${env.region}:${env.account}:${q}`);

export const retry = fc.record(
  {
    maximumEventAgeInSeconds: fc.integer({ min: 60, max: 86400 }),
    maximumRetryAttempts: fc.integer({ min: 0, max: 185 }),
  },
  { requiredKeys: [] },
);

export function repoConfig(env: GenEnv): fc.Arbitrary<Json> {
  const defaultsTask = fc
    .record({
      size: fargateSize,
      exec: roleArn(env),
      extra: fc.record(
        {
          launchType: fc.constant('FARGATE'),
          platformVersion: fc.constantFrom('LATEST', '1.4.0'),
          runtimePlatform: fc.record(
            {
              cpuArchitecture: fc.constantFrom('X86_64', 'ARM64'),
              operatingSystemFamily: fc.constant('LINUX'),
            },
            { requiredKeys: [] },
          ),
          ephemeralStorageGiB: fc.integer({ min: 21, max: 200 }),
          taskRoleArn: roleArn(env),
        },
        { requiredKeys: [] },
      ),
    })
    .map(({ size, exec, extra }) => ({ ...size, executionRoleArn: exec, ...extra }));
  const network = fc.record({
    subnets: fc.shuffledSubarray(env.subnets, { minLength: 1 }),
    securityGroups: fc.shuffledSubarray(env.securityGroups, { minLength: 1 }),
    assignPublicIp: fc.boolean(),
  });
  const scheduleDefaults = fc.record(
    {
      timezone,
      state: fc.constantFrom('ENABLED', 'DISABLED'),
      flexibleWindowMinutes: fc.integer({ min: 0, max: 1440 }),
      retry,
      deadLetterQueueArn: sqsArn(env),
      actionAfterCompletion: fc.constant('NONE'),
    },
    { requiredKeys: [] },
  );
  const runDefaults = fc.record(
    {
      taskCount: fc.integer({ min: 1, max: 10 }),
      tags: tags(5),
      propagateTags: fc.constantFrom('TASK_DEFINITION', 'NONE'),
      enableEcsManagedTags: fc.boolean(),
      enableExecuteCommand: fc.boolean(),
      group: word('abcdefgh:-_', 1, 20),
    },
    { requiredKeys: [] },
  );
  return fc
    .record({
      owner: fc
        .tuple(word('abcdefghijklmnopqrstuvwxyz0123456789', 1, 1), word('abcdefghij0123_.:/=+@-', 0, 30))
        .map(([a, b]) => a + b),
      cluster: clusterRef(env),
      namePrefix: word('abcdefghijklmnopqrstuvwxyzABC0123456789-_', 0, 10),
      scheduleGroup: word('abcdefghijklmnopqrstuvwxyz0123456789-_.', 1, 40).filter((g) => g !== 'default'),
      scheduler: roleArn(env),
      optional: fc.record(
        {
          keepRevisions: fc.integer({ min: 1, max: 5 }),
          prune: fc.record(
            {
              enabled: fc.boolean(),
              allowEmpty: fc.boolean(),
              maxDeleteFraction: fc.double({ min: 0, max: 1, noNaN: true }),
              deleteInactive: fc.boolean(),
            },
            { requiredKeys: [] },
          ),
          tags: tags(8),
          ignoreTagKeys: fc.uniqueArray(
            word('abcdef-:', 1, 12).filter((k) => !k.startsWith('berth:')),
            { maxLength: 3 },
          ),
          region: fc.constant(env.region),
        },
        { requiredKeys: [] },
      ),
      defaults: fc.record({
        task: defaultsTask,
        network,
        logging: fc.option(fc.oneof(awslogs, fc.constant({ driver: 'none' })), { nil: undefined }),
        schedule: fc.option(scheduleDefaults, { nil: undefined }),
        run: fc.option(runDefaults, { nil: undefined }),
        sync: fc.option(
          fc.record({ selfHeal: fc.boolean(), preventDestroy: fc.boolean() }, { requiredKeys: [] }),
          {
            nil: undefined,
          },
        ),
      }),
    })
    .map(({ owner, cluster, namePrefix, scheduleGroup, scheduler, optional, defaults }) => ({
      apiVersion: 'berth/v1',
      kind: 'Config',
      metadata: { name: owner },
      spec: {
        region: env.region,
        cluster,
        namePrefix,
        scheduleGroup,
        schedulerRoleArn: scheduler,
        ...optional,
        defaults: withoutUndefined(defaults),
      },
    }));
}

export function withoutUndefined(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
