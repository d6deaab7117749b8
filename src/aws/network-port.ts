// NetworkPort on the SDK. Filters instead of ids: DescribeSubnets with an unknown id fails the
// whole call, a filter simply leaves it out, so one call answers for every id.
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { NetworkPort, NetworkResource } from '../model/ports.js';
import { makeCaller } from './errors.js';

export function createNetworkPort(client: (region?: string) => EC2Client): NetworkPort {
  return {
    async subnets(ids, region) {
      if (ids.length === 0) return [];
      const c = client(region);
      const call = makeCaller('ec2', () => c.config.region());
      const out = await call('DescribeSubnets', ids[0], () =>
        c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'subnet-id', Values: ids }] })),
      );
      return resources((out.Subnets ?? []).map((s) => [s.SubnetId, s.VpcId]));
    },

    async securityGroups(ids, region) {
      if (ids.length === 0) return [];
      const c = client(region);
      const call = makeCaller('ec2', () => c.config.region());
      const out = await call('DescribeSecurityGroups', ids[0], () =>
        c.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: ids }] })),
      );
      return resources((out.SecurityGroups ?? []).map((g) => [g.GroupId, g.VpcId]));
    },
  };
}

function resources(pairs: [string | undefined, string | undefined][]): NetworkResource[] {
  return pairs.filter(([id]) => id !== undefined).map(([id, vpcId]) => ({ id: id!, vpcId: vpcId ?? '' }));
}
