import { describe, expect, it } from 'vitest';
import { parseArn, resolveCluster, taskDefinitionFamilyArn } from '../../../src/desired/arns.js';
import { familyName, isValidFamily, isValidScheduleName, scheduleName } from '../../../src/desired/naming.js';

describe('naming', () => {
  it('prefixes family and schedule names', () => {
    expect(familyName('etl-', 'daily-sales')).toBe('etl-daily-sales');
    expect(scheduleName('', 'daily-sales')).toBe('daily-sales');
  });
  it('checks the AWS name rules', () => {
    expect(isValidFamily('etl-daily_sales')).toBe(true);
    expect(isValidFamily('etl.daily')).toBe(false);
    expect(isValidScheduleName('etl.daily-sales_1')).toBe(true);
    expect(isValidScheduleName('x'.repeat(65))).toBe(false);
    expect(isValidScheduleName('a b')).toBe(false);
  });
});

describe('cluster ARN resolution', () => {
  const role = 'arn:aws:iam::123456789012:role/berth-scheduler';

  it('builds the ARN of a cluster name with the account of schedulerRoleArn', () => {
    const r = resolveCluster('etl', { region: 'us-east-1', schedulerRoleArn: role }, '/spec/cluster');
    expect(r).toEqual({
      ok: true,
      value: {
        clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/etl',
        partition: 'aws',
        region: 'us-east-1',
        account: '123456789012',
      },
    });
  });

  it('prefers the caller account over the role account', () => {
    const r = resolveCluster(
      'etl',
      { region: 'eu-west-1', accountId: '999999999999', schedulerRoleArn: role },
      '',
    );
    expect(r.ok && r.value.clusterArn).toBe('arn:aws:ecs:eu-west-1:999999999999:cluster/etl');
  });

  it('takes the partition from the role ARN', () => {
    const r = resolveCluster(
      'etl',
      { region: 'cn-north-1', schedulerRoleArn: 'arn:aws-cn:iam::111:role/x' },
      '',
    );
    expect(r.ok && r.value.clusterArn).toBe('arn:aws-cn:ecs:cn-north-1:111:cluster/etl');
  });

  it('uses a cluster ARN as given, with its own region and account', () => {
    const arn = 'arn:aws:ecs:ap-northeast-1:222233334444:cluster/batch';
    const r = resolveCluster(arn, {}, '/spec/cluster');
    expect(r).toEqual({
      ok: true,
      value: { clusterArn: arn, partition: 'aws', region: 'ap-northeast-1', account: '222233334444' },
    });
    if (r.ok)
      expect(taskDefinitionFamilyArn(r.value, 'etl-x')).toBe(
        'arn:aws:ecs:ap-northeast-1:222233334444:task-definition/etl-x',
      );
  });

  it('reports a name without any account source, with a hint', () => {
    const r = resolveCluster('etl', { region: 'us-east-1' }, '/spec/cluster');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      severity: 'error',
      rule: 'render/account',
      pointer: '/spec/cluster',
    });
    expect(r.problems[0]!.hint).toContain('set cluster to a full ARN or give schedulerRoleArn');
  });

  it('reports a name without a region', () => {
    const r = resolveCluster('etl', { schedulerRoleArn: role }, '/spec/cluster');
    expect(!r.ok && r.problems.map((p) => p.rule)).toEqual(['render/region']);
  });

  it('reports an ARN that is not an ECS cluster and a region mismatch', () => {
    const bad = resolveCluster('arn:aws:ecs:us-east-1:1:service/etl', {}, '/spec/cluster');
    expect(!bad.ok && bad.problems[0]!.rule).toBe('render/cluster-arn');
    const other = resolveCluster(
      'arn:aws:ecs:us-west-2:1:cluster/etl',
      { region: 'us-east-1' },
      '/spec/cluster',
    );
    expect(!other.ok && other.problems[0]!.rule).toBe('render/region-mismatch');
  });

  it('parses ARNs whose resource has colons', () => {
    expect(parseArn('arn:aws:ecs:us-east-1:1:task-definition/f:3')).toEqual({
      partition: 'aws',
      service: 'ecs',
      region: 'us-east-1',
      account: '1',
      resource: 'task-definition/f:3',
    });
    expect(parseArn('etl')).toBeUndefined();
  });
});
