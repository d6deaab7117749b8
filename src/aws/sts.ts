// STS: the role an environment asks berth to assume, and who the credentials belong to.
// Assumed-role credentials are shared by every client of one session and renewed a few minutes
// before they expire, so a controller that runs for weeks never signs with expired keys.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { BerthError } from '../model/errors.js';
import { clientConfig, type AwsOptions } from './clients.js';
import { addCountingMiddleware, type CallCounts } from './counting-middleware.js';
import { toBerthError } from './errors.js';
import { stackOf } from './middleware-stack.js';
import { addRateLimitMiddleware, type RateLimiter } from './rate-limit.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialsProvider = () => Promise<Credentials>;

export interface AssumeRole {
  arn: string;
  /** [\w+=,.@-]{2,64}; berth-<owner>[-<environment>] identifies berth in CloudTrail. */
  sessionName: string;
}

/** Renew this long before expiry: a call signed now must still be valid when AWS checks it. */
export const REFRESH_BEFORE_MS = 5 * 60_000;

export function stsClient(opts: AwsOptions, counts: CallCounts, limiter: RateLimiter): STSClient {
  const client = new STSClient(clientConfig(opts));
  addCountingMiddleware(stackOf(client), 'sts', counts);
  addRateLimitMiddleware(stackOf(client), 'sts', limiter);
  return client;
}

/**
 * Credentials of `role`, assumed with the base credentials of `sts`; one AssumeRole at a time,
 * reused until REFRESH_BEFORE_MS before they expire.
 */
export function assumedRoleCredentials(
  sts: STSClient,
  role: AssumeRole,
  now: () => number = Date.now,
): CredentialsProvider {
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  const fresh = (c: Credentials | undefined) =>
    c !== undefined && (c.expiration === undefined || c.expiration.getTime() - REFRESH_BEFORE_MS > now());
  return async () => {
    if (fresh(current)) return current!;
    pending ??= (async () => {
      try {
        const out = await sts.send(
          new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: role.sessionName }),
        );
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey)
          throw new Error(`AssumeRole ${role.arn} returned no credentials`);
        current = {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
          ...(c.Expiration ? { expiration: new Date(c.Expiration) } : {}),
        };
        return current;
      } catch (err) {
        const e = toBerthError(err, { op: 'sts:AssumeRole', subject: role.arn });
        throw new BerthError(e.code, `could not assume role ${role.arn}: ${e.message}`, {
          cause: err,
          transient: e.transient,
          hint: e.hint ?? "the role's trust policy must allow the credentials berth starts from to assume it",
        });
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
}

export interface CallerIdentity {
  account: string;
  arn: string;
}

export async function callerIdentity(sts: STSClient): Promise<CallerIdentity> {
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    return { account: out.Account ?? '', arn: out.Arn ?? '' };
  } catch (err) {
    throw toBerthError(err, { op: 'sts:GetCallerIdentity' });
  }
}

/** A role-session name from parts: characters STS refuses become -, at most 64. */
export function sessionName(...parts: (string | undefined)[]): string {
  const name = ['berth', ...parts.filter((p): p is string => Boolean(p))]
    .join('-')
    .replace(/[^\w+=,.@-]/g, '-');
  return name.slice(0, 64);
}
