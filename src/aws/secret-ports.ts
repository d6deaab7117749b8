// SSM parameters and Secrets Manager secrets, by existence only: DescribeParameters and
// DescribeSecret return metadata; berth never calls GetParameter or GetSecretValue.
import { paginateDescribeParameters, type SSMClient } from '@aws-sdk/client-ssm';
import { DescribeSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ParameterPort, SecretsPort } from '../model/ports.js';
import { makeCaller } from './errors.js';
import { orWhenAbsent } from './error-name.js';

export function createParameterPort(client: (region?: string) => SSMClient): ParameterPort {
  return {
    async parameterExists(names, region) {
      const c = client(region);
      const call = makeCaller('ssm', () => c.config.region());
      // With filters AWS may answer with empty pages and a NextToken: keep paging until found.
      return call('DescribeParameters', names[0], async () => {
        const input = { ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: names }] };
        for await (const page of paginateDescribeParameters({ client: c, pageSize: 50 }, input)) {
          if ((page.Parameters ?? []).some((p) => p.Name !== undefined && names.includes(p.Name)))
            return true;
        }
        return false;
      });
    },
  };
}

export function createSecretsPort(client: (region?: string) => SecretsManagerClient): SecretsPort {
  return {
    async secretExists(secretId, region) {
      const c = client(region);
      const call = makeCaller('secretsmanager', () => c.config.region());
      const out = await orWhenAbsent(
        () =>
          call('DescribeSecret', secretId, () => c.send(new DescribeSecretCommand({ SecretId: secretId }))),
        undefined,
        ['ResourceNotFoundException'],
      );
      // A secret scheduled for deletion cannot be read by a task any more.
      return out !== undefined && out.DeletedDate === undefined;
    },
  };
}
