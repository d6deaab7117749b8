// The account an environment is in (berth.yaml account) against the one the credentials belong
// to: checked before anything is read from AWS, so berth never plans, applies or looks up in
// the wrong account.
import { BerthError } from '../model/errors.js';
import type { AwsPorts } from '../model/ports.js';

export async function assertAccount(
  ports: AwsPorts,
  expected: string | undefined,
  environment: string | undefined,
): Promise<void> {
  if (!expected || !ports.identity) return;
  const who = await ports.identity();
  if (who.account !== expected) throw wrongAccount(expected, who, environment);
}

export function wrongAccount(
  expected: string,
  who: { account: string; arn: string },
  environment: string | undefined,
): BerthError {
  const where = environment ? `environment ${environment}` : 'berth.yaml';
  return new BerthError(
    'WrongAccount',
    `${where} is account ${expected}, but the credentials are for account ${who.account} (${who.arn}); nothing was read or changed`,
    { hint: 'use the credentials (profile, role) of that account, or correct account in berth.yaml' },
  );
}
