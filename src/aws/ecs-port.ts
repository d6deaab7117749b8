// EcsPort on the SDK. Listing is filtered and sorted here so AWS and the local emulator give
// identical results (the emulator ignores maxResults and sort).
import {
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  paginateListTaskDefinitionFamilies,
  paginateListTaskDefinitions,
  paginateListTasks,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type ECSClient,
  type ListTaskDefinitionsCommandInput,
} from '@aws-sdk/client-ecs';
import { BerthError } from '../model/errors.js';
import type { EcsPort } from '../model/ports.js';
import { makeCaller } from './errors.js';
import { compareRevisionArns, parseTaskDefinitionArn } from './task-definition-arn.js';
import { fromEcsTags, toEcsTags } from './tags.js';

const DELETE_BATCH = 10;
const DESCRIBE_TASKS_BATCH = 100;

export function createEcsPort(client: ECSClient): EcsPort {
  const call = makeCaller('ecs', () => client.config.region());

  return {
    async listTaskDefinitionArns({ familyPrefix, family, status }) {
      // AWS's `familyPrefix` is the *full* family name (API reference), so a real prefix
      // is applied client-side over the account's listing for that status.
      const input: ListTaskDefinitionsCommandInput = { status, ...(family ? { familyPrefix: family } : {}) };
      const arns: string[] = [];
      await call('ListTaskDefinitions', family, async () => {
        for await (const page of paginateListTaskDefinitions({ client, pageSize: 100 }, input)) {
          arns.push(...(page.taskDefinitionArns ?? []));
        }
      });
      return arns
        .filter((arn) => {
          const f = parseTaskDefinitionArn(arn)?.family;
          return f !== undefined && (family ? f === family : f.startsWith(familyPrefix ?? ''));
        })
        .sort(compareRevisionArns);
    },

    async listTaskDefinitionFamilies({ familyPrefix, status }) {
      const families: string[] = [];
      await call('ListTaskDefinitionFamilies', familyPrefix, async () => {
        const input = { familyPrefix, status };
        for await (const page of paginateListTaskDefinitionFamilies({ client, pageSize: 100 }, input)) {
          families.push(...(page.families ?? []));
        }
      });
      // Filtered again: an empty familyPrefix is "every family", and the order is ours.
      return [...new Set(families.filter((f) => f.startsWith(familyPrefix)))].sort();
    },

    async describeTaskDefinition(arn) {
      try {
        const out = await call('DescribeTaskDefinition', arn, () =>
          client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] })),
        );
        if (!out.taskDefinition) return undefined;
        return { taskDefinition: out.taskDefinition, tags: fromEcsTags(out.tags) };
      } catch (err) {
        if (err instanceof BerthError && err.code === 'NotFound') return undefined;
        throw err;
      }
    },

    async registerTaskDefinition(input) {
      const out = await call('RegisterTaskDefinition', input.family, () =>
        client.send(new RegisterTaskDefinitionCommand(input)),
      );
      const td = out.taskDefinition;
      if (!td?.taskDefinitionArn || td.revision === undefined) {
        throw new BerthError(
          'Internal',
          `ecs:RegisterTaskDefinition: no revision returned for ${input.family}`,
        );
      }
      return { arn: td.taskDefinitionArn, revision: td.revision };
    },

    async deregisterTaskDefinition(arn) {
      await call('DeregisterTaskDefinition', arn, () =>
        client.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn })),
      );
    },

    async deleteTaskDefinitions(arns) {
      for (let i = 0; i < arns.length; i += DELETE_BATCH) {
        const batch = arns.slice(i, i + DELETE_BATCH);
        const out = await call('DeleteTaskDefinitions', batch[0], () =>
          client.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: batch })),
        );
        const failures = out.failures ?? [];
        if (failures.length > 0) {
          const first = failures[0];
          throw new BerthError(
            'Validation',
            `ecs:DeleteTaskDefinitions: ${failures.length} of ${batch.length} not deleted (${first?.arn}: ${first?.reason})`,
          );
        }
      }
    },

    async tagResource(arn, tags) {
      await call('TagResource', arn, () =>
        client.send(new TagResourceCommand({ resourceArn: arn, tags: toEcsTags(tags) })),
      );
    },

    async untagResource(arn, keys) {
      if (keys.length === 0) return;
      await call('UntagResource', arn, () =>
        client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys })),
      );
    },

    async runTask(input) {
      const out = await call('RunTask', input.taskDefinition, () => client.send(new RunTaskCommand(input)));
      return {
        tasks: out.tasks ?? [],
        failures: (out.failures ?? []).map((f) => ({
          ...(f.arn ? { arn: f.arn } : {}),
          ...(f.reason ? { reason: f.reason } : {}),
        })),
      };
    },

    async describeTasks(cluster, taskArns) {
      const tasks = [];
      for (let i = 0; i < taskArns.length; i += DESCRIBE_TASKS_BATCH) {
        const batch = taskArns.slice(i, i + DESCRIBE_TASKS_BATCH);
        const out = await call('DescribeTasks', cluster, () =>
          client.send(new DescribeTasksCommand({ cluster, tasks: batch })),
        );
        tasks.push(...(out.tasks ?? []));
      }
      return tasks;
    },

    async listTasks({ cluster, family, startedBy, desiredStatus }) {
      const arns: string[] = [];
      const input = {
        cluster,
        desiredStatus,
        ...(family ? { family } : {}),
        ...(startedBy ? { startedBy } : {}),
      };
      await call('ListTasks', family ?? cluster, async () => {
        for await (const page of paginateListTasks({ client, pageSize: 100 }, input))
          arns.push(...(page.taskArns ?? []));
      });
      return arns;
    },

    async stopTask(cluster, taskArn, reason) {
      await call('StopTask', taskArn, () =>
        client.send(new StopTaskCommand({ cluster, task: taskArn, reason: reason.slice(0, 255) })),
      );
    },

    async describeCluster(nameOrArn) {
      const out = await call('DescribeClusters', nameOrArn, () =>
        client.send(new DescribeClustersCommand({ clusters: [nameOrArn] })),
      );
      const cluster = out.clusters?.find((c) => c.status === 'ACTIVE');
      return cluster?.clusterArn;
    },
  };
}
