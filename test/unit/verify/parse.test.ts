// The pure readers verify relies on: trust policies, image references, secret references.
import { describe, expect, it } from 'vitest';
import { parseEcrImage, registryOf } from '../../../src/verify/image-ref.js';
import { parseSecretRef } from '../../../src/verify/secret-ref.js';
import { trustedServices, trusts } from '../../../src/verify/trust-policy.js';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (service: unknown, action: unknown = 'sts:AssumeRole') => ({
  Effect: 'Allow',
  Principal: { Service: service },
  Action: action,
});

describe('trusts', () => {
  it.each([
    ['the service named alone', doc(allow('ecs-tasks.amazonaws.com')), true],
    [
      'one of several services, a list of actions',
      doc(allow(['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'], ['sts:TagSession', 'sts:AssumeRole'])),
      true,
    ],
    ['a single statement object', JSON.stringify({ Statement: allow('ecs-tasks.amazonaws.com') }), true],
    ['another service', doc(allow('ec2.amazonaws.com')), false],
    ['another action', doc(allow('ecs-tasks.amazonaws.com', 'sts:AssumeRoleWithWebIdentity')), false],
    [
      'an allow taken away by a deny',
      doc(allow('ecs-tasks.amazonaws.com'), { ...allow('ecs-tasks.amazonaws.com'), Effect: 'Deny' }),
      false,
    ],
    ['not JSON', 'not json', false],
  ])('%s', (_name, policy, expected) => expect(trusts(policy, 'ecs-tasks.amazonaws.com')).toBe(expected));

  it('lists the services a policy trusts, for the message', () => {
    expect(trustedServices(doc(allow(['scheduler.amazonaws.com', 'ec2.amazonaws.com'])))).toEqual([
      'ec2.amazonaws.com',
      'scheduler.amazonaws.com',
    ]);
  });
});

describe('parseEcrImage', () => {
  it.each([
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/myetl:1.0',
      { registryId: '123456789012', region: 'us-east-1', repository: 'myetl', tag: '1.0' },
    ],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/etl',
      { registryId: '123456789012', region: 'eu-west-1', repository: 'team/etl', tag: 'latest' },
    ],
    [
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:1@sha256:${'c'.repeat(64)}`,
      {
        registryId: '123456789012',
        region: 'us-east-1',
        repository: 'etl',
        digest: `sha256:${'c'.repeat(64)}`,
      },
    ],
    ['public.ecr.aws/docker/library/busybox:1.36', undefined],
    ['busybox', undefined],
  ])('%s', (image, expected) => expect(parseEcrImage(image)).toEqual(expected));

  it('names the registry of other images', () => {
    expect(registryOf('public.ecr.aws/docker/library/busybox:1.36')).toBe('public.ecr.aws');
    expect(registryOf('ghcr.io/acme/etl:1')).toBe('ghcr.io');
    expect(registryOf('library/busybox')).toBe('docker.io');
  });
});

describe('parseSecretRef', () => {
  it('reads SSM ARNs and names, and Secrets Manager ARNs with a JSON key', () => {
    expect(parseSecretRef('arn:aws:ssm:us-east-1:123456789012:parameter/etl/db')).toEqual({
      store: 'ssm',
      names: ['/etl/db'],
      region: 'us-east-1',
      account: '123456789012',
    });
    expect(parseSecretRef('arn:aws:ssm:us-east-1:123456789012:parameter/flat')).toMatchObject({
      names: ['flat', '/flat'],
    });
    expect(parseSecretRef('/etl/db')).toEqual({
      store: 'ssm',
      names: ['/etl/db'],
      region: undefined,
      account: undefined,
    });
    expect(
      parseSecretRef('arn:aws:secretsmanager:us-east-1:123456789012:secret:etl/db-AbCdEf:password::'),
    ).toEqual({
      store: 'secretsmanager',
      secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:etl/db-AbCdEf',
      name: 'etl/db-AbCdEf',
      region: 'us-east-1',
      account: '123456789012',
    });
    expect(parseSecretRef('arn:aws:s3:::bucket/key')).toEqual({ store: 'unknown' });
  });
});
