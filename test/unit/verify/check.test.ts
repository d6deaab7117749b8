// Outcomes the emulator cannot produce: access denied (unknown, not failed), no credentials
// (the run stops), and references in another account (not checked, no call made).
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/model/errors.js';
import { checkTarget } from '../../../src/verify/check.js';
import type { CheckContext } from '../../../src/verify/context.js';

function ctx(fail?: BerthError): { ctx: CheckContext; calls: string[] } {
  const calls: string[] = [];
  const reply = async <T>(name: string, value: T): Promise<T> => {
    calls.push(name);
    if (fail) throw fail;
    return value;
  };
  const ports = {
    iam: { getRole: (n: string) => reply(`getRole ${n}`, undefined) },
    ecr: { findImage: () => reply('findImage', 'found' as const) },
    ssm: { parameterExists: () => reply('parameterExists', true) },
    secrets: { secretExists: () => reply('secretExists', true) },
    logs: { logGroupExists: () => reply('logGroupExists', true) },
    ec2: { subnets: () => reply('subnets', []), securityGroups: () => reply('securityGroups', []) },
    sqs: { queueExists: () => reply('queueExists', true) },
    ecs: { describeCluster: () => reply('describeCluster', undefined) },
    calls: { snapshot: () => ({}), total: () => 0, reset: () => undefined },
  };
  return { ctx: { ports, region: 'us-east-1', account: '123456789012' }, calls };
}

describe('checkTarget', () => {
  it('reports a check AWS refused as unknown, with the reason and hint', async () => {
    const denied = new BerthError('AccessDenied', 'iam:GetRole: not allowed', {
      hint: 'the credentials lack permission for this call',
    });
    const { ctx: c } = ctx(denied);
    const out = await checkTarget(
      {
        kind: 'role',
        arn: 'arn:aws:iam::123456789012:role/x',
        service: 'ecs-tasks.amazonaws.com',
        use: 'task',
      },
      c,
    );
    expect(out).toEqual({
      status: 'unknown',
      message: 'could not check arn:aws:iam::123456789012:role/x: iam:GetRole: not allowed',
      fix: 'the credentials lack permission for this call',
    });
  });

  it('stops on missing credentials rather than reporting every reference', async () => {
    const { ctx: c } = ctx(new BerthError('NoCredentials', 'no AWS credentials found'));
    await expect(
      checkTarget({ kind: 'image', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1' }, c),
    ).rejects.toThrow('no AWS credentials found');
  });

  it('does not look into other accounts', async () => {
    const { ctx: c, calls } = ctx();
    const role = await checkTarget(
      {
        kind: 'role',
        arn: 'arn:aws:iam::999999999999:role/x',
        service: 'ecs-tasks.amazonaws.com',
        use: 'execution',
      },
      c,
    );
    const param = await checkTarget(
      { kind: 'secret', valueFrom: 'arn:aws:ssm:us-east-1:999999999999:parameter/p' },
      c,
    );
    const queue = await checkTarget({ kind: 'queue', arn: 'arn:aws:sqs:us-east-1:999999999999:q' }, c);
    expect([role.status, param.status, queue.status]).toEqual(['not-checked', 'not-checked', 'not-checked']);
    expect(role.message).toBe(
      "execution role arn:aws:iam::999999999999:role/x is in account 999999999999, not the cluster's 123456789012",
    );
    expect(calls).toEqual([]);
  });

  it('fails a secret reference that is neither SSM nor Secrets Manager without asking AWS', async () => {
    const { ctx: c, calls } = ctx();
    const out = await checkTarget({ kind: 'secret', valueFrom: 'arn:aws:s3:::bucket/key' }, c);
    expect([out.status, calls]).toEqual(['failed', []]);
  });
});
