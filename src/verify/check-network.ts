// awsvpc networking: every subnet and security group exists, and all are in one VPC (RunTask
// refuses security groups of another VPC than the subnets').
import { failed, ok, type CheckContext } from './context.js';
import type { CheckOutcome } from './types.js';

export async function checkNetwork(
  subnets: string[],
  securityGroups: string[],
  ctx: CheckContext,
): Promise<CheckOutcome> {
  const [foundSubnets, foundGroups] = await Promise.all([
    ctx.ports.ec2.subnets(subnets, ctx.region),
    ctx.ports.ec2.securityGroups(securityGroups, ctx.region),
  ]);
  const where = ctx.region ? ` in ${ctx.region}` : '';
  const missing = [
    ...subnets.filter((id) => !foundSubnets.some((s) => s.id === id)),
    ...securityGroups.filter((id) => !foundGroups.some((g) => g.id === id)),
  ];
  if (missing.length > 0)
    return failed(
      `${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist${where}`,
      'use subnets and security groups of the VPC the tasks run in',
    );
  const vpcs = new Set([...foundSubnets, ...foundGroups].map((r) => r.vpcId));
  if (vpcs.size > 1) {
    const list = [...foundSubnets, ...foundGroups].map((r) => `${r.id}: ${r.vpcId}`).join(', ');
    return failed(
      `subnets and security groups are in different VPCs (${list})`,
      'pick subnets and security groups of one VPC',
    );
  }
  return ok(
    `${subnets.length} subnet(s) and ${securityGroups.length} security group(s) exist in ${[...vpcs][0] ?? 'one VPC'}`,
  );
}
