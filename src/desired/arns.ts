// Where a job runs: the cluster ARN and the account/region its task definitions live in.
// A cluster given by name needs the account from somewhere: the caller's identity
// (opts.accountId) or, without any AWS call, the account in schedulerRoleArn.
import { error } from './problems.js';
import type { Problem } from './problems.js';

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(text: string): Arn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(text);
  if (!m) return undefined;
  const [, partition, service, region, account, resource] = m as unknown as [string, ...string[]];
  return {
    partition: partition!,
    service: service!,
    region: region!,
    account: account!,
    resource: resource!,
  };
}

/** Where ARNs get their partition, region and account when a name alone is given. */
export interface ArnContext {
  region?: string;
  accountId?: string;
  schedulerRoleArn?: string;
}

export interface ClusterLocation {
  clusterArn: string;
  partition: string;
  region: string;
  account: string;
}

export type ClusterResult = { ok: true; value: ClusterLocation } | { ok: false; problems: Problem[] };

const ACCOUNT_HINT =
  'set cluster to a full ARN or give schedulerRoleArn (the account is read from arn:aws:iam::ACCOUNT:role/NAME)';

/** Resolves a cluster name or ARN; `pointer` is where the reference was written. */
export function resolveCluster(ref: string, ctx: ArnContext, pointer: string): ClusterResult {
  if (ref.startsWith('arn:')) return fromClusterArn(ref, ctx, pointer);
  const role = ctx.schedulerRoleArn ? parseArn(ctx.schedulerRoleArn) : undefined;
  const account = ctx.accountId ?? (role?.account || undefined);
  const problems: Problem[] = [];
  if (!ctx.region)
    problems.push(
      error(
        'render/region',
        pointer,
        `cannot build the ARN of cluster "${ref}": no region`,
        'set spec.region',
      ),
    );
  if (!account)
    problems.push(
      error(
        'render/account',
        pointer,
        `cannot build the ARN of cluster "${ref}": no account id`,
        ACCOUNT_HINT,
      ),
    );
  if (!ctx.region || !account) return { ok: false, problems };
  const partition = role?.partition ?? 'aws';
  const clusterArn = `arn:${partition}:ecs:${ctx.region}:${account}:cluster/${ref}`;
  return { ok: true, value: { clusterArn, partition, region: ctx.region, account } };
}

function fromClusterArn(ref: string, ctx: ArnContext, pointer: string): ClusterResult {
  const arn = parseArn(ref);
  if (!arn || arn.service !== 'ecs' || !arn.resource.startsWith('cluster/') || !arn.region || !arn.account) {
    const hint = 'write arn:aws:ecs:REGION:ACCOUNT:cluster/NAME, or just the cluster name';
    return {
      ok: false,
      problems: [error('render/cluster-arn', pointer, `"${ref}" is not an ECS cluster ARN`, hint)],
    };
  }
  if (ctx.region && ctx.region !== arn.region) {
    const msg = `cluster ${ref} is in ${arn.region} but the config region is ${ctx.region}`;
    return { ok: false, problems: [error('render/region-mismatch', pointer, msg, 'make spec.region match')] };
  }
  return {
    ok: true,
    value: { clusterArn: ref, partition: arn.partition, region: arn.region, account: arn.account },
  };
}

/** Family ARN without a revision: the planner pins the exact revision when it knows it. */
export function taskDefinitionFamilyArn(loc: ClusterLocation, family: string): string {
  return `arn:${loc.partition}:ecs:${loc.region}:${loc.account}:task-definition/${family}`;
}
