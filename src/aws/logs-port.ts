// LogsPort on the SDK: does an awslogs group exist (DescribeLogGroups by prefix, exact match).
import {
  GetLogEventsCommand,
  paginateDescribeLogGroups,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogEventsPort, LogsPort } from '../model/ports.js';
import { makeCaller } from './errors.js';
import { orWhenAbsent } from './error-name.js';

export function createLogsPort(client: (region?: string) => CloudWatchLogsClient): LogsPort {
  return {
    async logGroupExists(name, region) {
      const c = client(region);
      const call = makeCaller('logs', () => c.config.region());
      return call('DescribeLogGroups', name, async () => {
        const input = { logGroupNamePrefix: name };
        for await (const page of paginateDescribeLogGroups({ client: c, pageSize: 50 }, input)) {
          if ((page.logGroups ?? []).some((g) => g.logGroupName === name)) return true;
        }
        return false;
      });
    },
  };
}

export function createLogEventsPort(client: (region?: string) => CloudWatchLogsClient): LogEventsPort {
  return {
    async getLogEvents(group, stream, { nextToken, region }) {
      const c = client(region);
      const call = makeCaller('logs', () => c.config.region());
      const out = await orWhenAbsent(
        () =>
          call('GetLogEvents', `${group}/${stream}`, () =>
            c.send(
              new GetLogEventsCommand({
                logGroupName: group,
                logStreamName: stream,
                startFromHead: true,
                ...(nextToken ? { nextToken } : {}),
              }),
            ),
          ),
        undefined,
        ['ResourceNotFoundException'],
      );
      if (!out) return undefined;
      return {
        events: (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '' })),
        nextToken: out.nextForwardToken,
      };
    },
  };
}
