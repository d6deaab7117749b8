// Demo set-up on the local emulator: the ECS cluster and network the example jobs need,
// and a copy of the example repository wired to that network (the originals stay as they are).
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  CreateSecurityGroupCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';

const [, , src, dest] = process.argv;
if (!src || !dest) throw new Error('usage: seed.ts SRC_REPO DEST_REPO');

const ecs = new ECSClient({});
const ec2 = new EC2Client({});
await ecs.send(new CreateClusterCommand({ clusterName: 'etl' }));
const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] })))
  .Vpcs?.[0];
const subnets = (
  await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))
).Subnets?.map((s) => s.SubnetId as string).slice(0, 2);
const sg = await ec2.send(
  new CreateSecurityGroupCommand({
    GroupName: 'etl-jobs',
    Description: 'berth demo ETL tasks',
    VpcId: vpc?.VpcId,
  }),
);

await rm(dest, { recursive: true, force: true });
await mkdir(dest, { recursive: true });
await cp(path.join(src, 'jobs'), path.join(dest, 'jobs'), { recursive: true });
await cp(path.join(src, 'schemas'), path.join(dest, 'schemas'), { recursive: true });
const config = parseDocument(await readFile(path.join(src, 'berth.yaml'), 'utf8'));
config.setIn(['spec', 'defaults', 'network', 'subnets'], subnets);
config.setIn(['spec', 'defaults', 'network', 'securityGroups'], [sg.GroupId]);
await writeFile(path.join(dest, 'berth.yaml'), config.toString());
console.log(`cluster etl, subnets ${subnets?.join(', ')}, security group ${sg.GroupId}`);
