// IamPort on the SDK: a role and its trust policy (GetRole; IAM is global, one client).
import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { IamPort } from '../model/ports.js';
import { makeCaller } from './errors.js';
import { orWhenAbsent } from './error-name.js';

export function createIamPort(client: () => IAMClient): IamPort {
  return {
    async getRole(name) {
      const c = client();
      const call = makeCaller('iam', () => c.config.region());
      const out = await orWhenAbsent(
        () => call('GetRole', name, () => c.send(new GetRoleCommand({ RoleName: name }))),
        undefined,
        ['NoSuchEntityException', 'NoSuchEntity'],
      );
      const role = out?.Role;
      if (!role?.Arn) return undefined;
      const doc = role.AssumeRolePolicyDocument;
      return { arn: role.Arn, ...(doc ? { trustPolicy: decodePolicy(doc) } : {}) };
    },
  };
}

/** AWS returns the document URL-encoded; an emulator may not. */
function decodePolicy(doc: string): string {
  if (doc.trimStart().startsWith('{')) return doc;
  try {
    return decodeURIComponent(doc);
  } catch {
    return doc;
  }
}
