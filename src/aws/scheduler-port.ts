// SchedulerPort on the SDK. Schedules cannot carry tags; the group's tags are read with
// ListTagsForResource (GetScheduleGroup does not return them).
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListTagsForResourceCommand,
  paginateListScheduleGroups,
  paginateListSchedules,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateScheduleCommand,
  type SchedulerClient,
  type ScheduleSummary,
} from '@aws-sdk/client-scheduler';
import type { ScheduleInput } from '../model/aws-types.js';
import { BerthError } from '../model/errors.js';
import type { ScheduleGroupSummary, SchedulerPort } from '../model/ports.js';
import { makeCaller } from './errors.js';
import { fromSchedulerTags, toSchedulerTags } from './tags.js';

export function createSchedulerPort(client: SchedulerClient): SchedulerPort {
  const call = makeCaller('scheduler', () => client.config.region());
  const orUndefined = async <T>(p: Promise<T>): Promise<T | undefined> => {
    try {
      return await p;
    } catch (err) {
      if (err instanceof BerthError && err.code === 'NotFound') return undefined;
      throw err;
    }
  };

  return {
    async getScheduleGroup(name) {
      const group = await orUndefined(
        call('GetScheduleGroup', name, () => client.send(new GetScheduleGroupCommand({ Name: name }))),
      );
      if (!group?.Arn) return undefined;
      const arn = group.Arn;
      const tags = await call('ListTagsForResource', arn, () =>
        client.send(new ListTagsForResourceCommand({ ResourceArn: arn })),
      );
      return { arn, ...(group.State ? { state: group.State } : {}), tags: fromSchedulerTags(tags.Tags) };
    },

    async createScheduleGroup(name, tags, clientToken) {
      const out = await call('CreateScheduleGroup', name, () =>
        client.send(
          new CreateScheduleGroupCommand({
            Name: name,
            Tags: toSchedulerTags(tags),
            ...(clientToken ? { ClientToken: clientToken } : {}),
          }),
        ),
      );
      return out.ScheduleGroupArn ?? '';
    },

    async listScheduleGroups() {
      const out: ScheduleGroupSummary[] = [];
      await call('ListScheduleGroups', undefined, async () => {
        for await (const page of paginateListScheduleGroups({ client, pageSize: 100 }, {})) {
          for (const g of page.ScheduleGroups ?? []) {
            if (!g.Name || !g.Arn) continue;
            out.push({
              name: g.Name,
              arn: g.Arn,
              ...(g.State ? { state: g.State } : {}),
              ...(g.CreationDate ? { created: g.CreationDate.toISOString() } : {}),
            });
          }
        }
      });
      return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    async listTags(arn) {
      const out = await call('ListTagsForResource', arn, () =>
        client.send(new ListTagsForResourceCommand({ ResourceArn: arn })),
      );
      return fromSchedulerTags(out.Tags);
    },

    async deleteScheduleGroup(name) {
      await call('DeleteScheduleGroup', name, () =>
        client.send(new DeleteScheduleGroupCommand({ Name: name })),
      );
    },

    async tagResource(arn, tags) {
      await call('TagResource', arn, () =>
        client.send(new TagResourceCommand({ ResourceArn: arn, Tags: toSchedulerTags(tags) })),
      );
    },

    async untagResource(arn, keys) {
      if (keys.length === 0) return;
      await call('UntagResource', arn, () =>
        client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: keys })),
      );
    },

    async listSchedules(group) {
      const out: ScheduleSummary[] = [];
      await call('ListSchedules', group, async () => {
        for await (const page of paginateListSchedules({ client, pageSize: 100 }, { GroupName: group })) {
          out.push(...(page.Schedules ?? []));
        }
      });
      return out.sort((a, b) =>
        (a.Name ?? '') < (b.Name ?? '') ? -1 : (a.Name ?? '') > (b.Name ?? '') ? 1 : 0,
      );
    },

    async getSchedule(group, name) {
      const out = await orUndefined(
        call('GetSchedule', name, () =>
          client.send(new GetScheduleCommand({ GroupName: group, Name: name })),
        ),
      );
      // Request metadata differs per call; dropping it keeps cached and fresh reads identical.
      return out ? { ...out, $metadata: {} } : undefined;
    },

    async createSchedule(input) {
      const out = await call('CreateSchedule', input.Name, () =>
        client.send(new CreateScheduleCommand(complete(input))),
      );
      return out.ScheduleArn ?? '';
    },

    async updateSchedule(input) {
      const out = await call('UpdateSchedule', input.Name, () =>
        client.send(new UpdateScheduleCommand(complete(input))),
      );
      return out.ScheduleArn ?? '';
    },

    async deleteSchedule(group, name, clientToken) {
      await call('DeleteSchedule', name, () =>
        client.send(
          new DeleteScheduleCommand({
            GroupName: group,
            Name: name,
            ...(clientToken ? { ClientToken: clientToken } : {}),
          }),
        ),
      );
    },
  };
}

/**
 * The complete schedule as sent: UpdateSchedule replaces everything, and an omitted State is
 * AWS's documented default ENABLED, sent explicitly. Dates read back from a saved plan (JSON
 * strings) become Date again.
 */
function complete(input: ScheduleInput): ScheduleInput {
  const asDate = (d: Date | string | undefined) => (typeof d === 'string' ? new Date(d) : d);
  const startDate = asDate(input.StartDate as Date | string | undefined);
  const endDate = asDate(input.EndDate as Date | string | undefined);
  return {
    ...input,
    State: input.State ?? 'ENABLED',
    ...(startDate ? { StartDate: startDate } : {}),
    ...(endDate ? { EndDate: endDate } : {}),
  };
}
