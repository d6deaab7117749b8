// One reference target → its check. Errors that say nothing about the reference (access denied,
// a validation error) become "unknown"; no credentials or no network stop the whole run.
import { BerthError } from '../model/errors.js';
import { checkCluster } from './check-cluster.js';
import { checkImage } from './check-image.js';
import { checkLogGroup } from './check-log-group.js';
import { checkNetwork } from './check-network.js';
import { checkQueue } from './check-queue.js';
import { checkRole } from './check-role.js';
import { checkSecret } from './check-secret.js';
import type { CheckContext } from './context.js';
import type { CheckOutcome, ReferenceTarget } from './types.js';

export async function checkTarget(t: ReferenceTarget, ctx: CheckContext): Promise<CheckOutcome> {
  try {
    switch (t.kind) {
      case 'cluster':
        return await checkCluster(t.arn, ctx);
      case 'role':
        return await checkRole(t.arn, t.service, t.use, ctx);
      case 'image':
        return await checkImage(t.image, ctx);
      case 'secret':
        return await checkSecret(t.valueFrom, ctx);
      case 'logGroup':
        return await checkLogGroup(t.name, t.region, t.createGroup, ctx);
      case 'network':
        return await checkNetwork(t.subnets, t.securityGroups, ctx);
      case 'queue':
        return await checkQueue(t.arn, ctx);
    }
  } catch (err) {
    if (!(err instanceof BerthError) || err.code === 'NoCredentials' || err.code === 'Unreachable') throw err;
    return {
      status: 'unknown',
      message: `could not check ${subjectOf(t)}: ${err.message}`,
      ...(err.hint ? { fix: err.hint } : {}),
    };
  }
}

/** The value checked, for people. */
export function subjectOf(t: ReferenceTarget): string {
  switch (t.kind) {
    case 'cluster':
    case 'role':
    case 'queue':
      return t.arn;
    case 'image':
      return t.image;
    case 'secret':
      return t.valueFrom;
    case 'logGroup':
      return t.region ? `${t.name} (${t.region})` : t.name;
    case 'network':
      return [...t.subnets, ...t.securityGroups].join(', ');
  }
}

/** Equal targets are checked once, however many jobs share them. */
export function targetKey(t: ReferenceTarget): string {
  return JSON.stringify(t);
}
