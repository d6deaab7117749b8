// A container secret's valueFrom: an SSM parameter (ARN or name) or a Secrets Manager secret
// ARN (optionally with :json-key:version-stage:version-id, which DescribeSecret does not take).
import { parseArn } from '../desired/arns.js';

export type SecretRef =
  | { store: 'ssm'; names: string[]; region: string | undefined; account: string | undefined }
  | { store: 'secretsmanager'; secretId: string; name: string; region: string; account: string }
  | { store: 'unknown' };

export function parseSecretRef(valueFrom: string): SecretRef {
  const arn = parseArn(valueFrom);
  if (!arn)
    return valueFrom.length > 0
      ? { store: 'ssm', names: [valueFrom], region: undefined, account: undefined }
      : { store: 'unknown' };
  if (arn.service === 'ssm' && arn.resource.startsWith('parameter/')) {
    const rest = arn.resource.slice('parameter/'.length);
    // parameter/a/b is "/a/b"; parameter/name is "name" or, written with a slash, "/name".
    const names = rest.includes('/') ? [`/${rest}`] : [rest, `/${rest}`];
    return { store: 'ssm', names, region: arn.region, account: arn.account };
  }
  if (arn.service === 'secretsmanager' && arn.resource.startsWith('secret:')) {
    const parts = valueFrom.split(':');
    const secretId = parts.slice(0, 7).join(':');
    return {
      store: 'secretsmanager',
      secretId,
      name: parts[6] ?? '',
      region: arn.region,
      account: arn.account,
    };
  }
  return { store: 'unknown' };
}
