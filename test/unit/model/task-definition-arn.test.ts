// The one task-definition ARN parser (src/model/task-definition-arn.ts) that live, plan, apply,
// run-health and aws read ARNs with: odd but real ARNs parse, anything else is undefined.
import { describe, expect, it } from 'vitest';
import { parseTaskDefinitionArn as fromAws } from '../../../src/aws/task-definition-arn.js';
import { parseRef } from '../../../src/live/revisions.js';
import {
  compareRevisionArns,
  parseTaskDefinitionArn,
  revisionKey,
} from '../../../src/model/task-definition-arn.js';
import { familyOfTask } from '../../../src/run-health/feed-event.js';

const ARN = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/etl-daily:7';

describe('parseTaskDefinitionArn', () => {
  it.each([
    [ARN, 'etl-daily', 7],
    ['arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/etl:1', 'etl', 1],
    ['arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task-definition/etl:12', 'etl', 12],
    ['arn:aws-iso-b:ecs:us-isob-east-1:123456789012:task-definition/etl:3', 'etl', 3],
    ['arn:aws:ecs:eu-west-1:123456789012:task-definition/t-my_job-2:40', 't-my_job-2', 40],
    ['arn:aws:ecs:eu-west-1:123456789012:task-definition/_-_:9999999', '_-_', 9999999],
    [`arn:aws:ecs:eu-west-1:123456789012:task-definition/${'f'.repeat(255)}:2`, 'f'.repeat(255), 2],
  ])('%s', (arn, family, revision) => {
    expect(parseTaskDefinitionArn(arn)).toEqual({ family, revision });
    expect(revisionKey(arn)).toBe(`${family}:${revision}`);
  });

  it.each([
    ['a family ARN without revision', 'arn:aws:ecs:eu-west-1:123456789012:task-definition/etl'],
    ['a trailing colon', 'arn:aws:ecs:eu-west-1:123456789012:task-definition/etl:'],
    ['revision 0', 'arn:aws:ecs:eu-west-1:123456789012:task-definition/etl:0'],
    ['a revision that is not a number', 'arn:aws:ecs:eu-west-1:123456789012:task-definition/etl:latest'],
    ['a family:revision without ARN', 'etl:3'],
    ['another service', 'arn:aws:scheduler:eu-west-1:123456789012:task-definition/etl:3'],
    ['another ECS resource', 'arn:aws:ecs:eu-west-1:123456789012:service/etl:3'],
    ['a family with a dot', 'arn:aws:ecs:eu-west-1:123456789012:task-definition/etl.v2:3'],
    ['a family with a slash', 'arn:aws:ecs:eu-west-1:123456789012:task-definition/a/b:3'],
    ['a family too long', `arn:aws:ecs:eu-west-1:123456789012:task-definition/${'f'.repeat(256)}:2`],
    ['text after the ARN', `${ARN} `],
    ['text before the ARN', `x${ARN}`],
    ['text that only ends like one', 'not an arn task-definition/etl:3'],
    ['nothing', ''],
  ])('%s: undefined', (_, arn) => {
    expect(parseTaskDefinitionArn(arn)).toBeUndefined();
    expect(revisionKey(arn)).toBeUndefined();
  });

  it('is the parser every stage uses', () => {
    expect(fromAws).toBe(parseTaskDefinitionArn);
    expect(parseRef(ARN)).toEqual({ arn: ARN, family: 'etl-daily', revision: 7 });
    expect(parseRef('etl-daily:7')).toBeUndefined();
    expect(familyOfTask({ taskDefinitionArn: ARN } as never)).toBe('etl-daily');
    expect(familyOfTask({ taskDefinitionArn: 'arn:x:task-definition/a/b:1' } as never)).toBeUndefined();
  });
});

describe('compareRevisionArns', () => {
  it('orders by family, then revision as a number, and ARNs it cannot read as text', () => {
    const arn = (f: string, n: number) => `arn:aws:ecs:eu-west-1:123456789012:task-definition/${f}:${n}`;
    expect([arn('b', 1), arn('a', 10), arn('a', 9), 'zzz', 'aaa'].sort(compareRevisionArns)).toEqual([
      'aaa',
      arn('a', 9),
      arn('a', 10),
      arn('b', 1),
      'zzz',
    ]);
  });
});
