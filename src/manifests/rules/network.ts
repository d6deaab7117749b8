// awsvpc networking: Scheduler's RunTask needs subnets and security groups for it, and
// a public IP only exists on Fargate.
import { networkModeOf } from '../launch.js';
import { error, warning } from './finding.js';
import type { Finding, JobContext } from './finding.js';
import { checkCluster, checkIds } from './references.js';
import { launchOf } from './task.js';
import type { RunSpec } from '../../model/manifest.js';

/** Rules about one run/network section as written (job spec.run, defaults.network, defaults.run). */
export function checkNetworkSection(run: Partial<RunSpec>, pointer: string): Finding[] {
  return [
    ...checkIds(run.subnets ?? undefined, `${pointer}/subnets`, 'subnet'),
    ...checkIds(run.securityGroups ?? undefined, `${pointer}/securityGroups`, 'security-group'),
    ...checkCluster(run.cluster ?? undefined, `${pointer}/cluster`),
  ];
}

export function checkNetwork(ctx: JobContext): Finding[] {
  const { run, task, schedule } = ctx.job;
  const out: Finding[] = [];
  const awsvpc = networkModeOf(task) === 'awsvpc';
  if (awsvpc && schedule) {
    const missing = [
      run.subnets?.length ? undefined : 'subnets',
      run.securityGroups?.length ? undefined : 'securityGroups',
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0)
      out.push(
        error(
          'network/required',
          `/spec/run/${missing[0]}`,
          `a scheduled awsvpc task needs ${missing.join(' and ')}`,
          'set defaults.network in berth.yaml (or run.subnets / run.securityGroups in the job)',
        ),
      );
  }
  const own = ctx.raw.spec.run;
  if (!awsvpc && own && (own.subnets || own.securityGroups || own.assignPublicIp))
    out.push(
      warning(
        'network/not-awsvpc',
        own.subnets
          ? '/spec/run/subnets'
          : own.securityGroups
            ? '/spec/run/securityGroups'
            : '/spec/run/assignPublicIp',
        `networkMode is ${networkModeOf(task)}: subnets, security groups and assignPublicIp are ignored`,
        'remove them, or use networkMode awsvpc',
      ),
    );
  if (awsvpc && run.assignPublicIp === true && !launchOf(ctx).fargate)
    out.push(
      error(
        'network/assign-public-ip',
        '/spec/run/assignPublicIp',
        'assignPublicIp is only supported on Fargate',
        'remove it, or run on Fargate',
      ),
    );
  return out;
}
