// LogsPort on the SDK: does an awslogs group exist (DescribeLogGroups by prefix, exact match).
import { paginateDescribeLogGroups, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogsPort } from '../model/ports.js';
import { makeCaller } from './errors.js';

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
