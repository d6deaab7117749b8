// Whose change a task-definition action is when the job's family is gone under a schedule that
// still pins a revision: AWS's when the pinned revision is of the job's own family (berth never
// deletes a revision a schedule pins), git's otherwise. The ARN is read by parseTaskDefinitionArn.
import { describe, expect, it } from 'vitest';
import type { DesiredJob } from '../../../src/model/desired.js';
import { action } from '../../../src/plan/action.js';
import { withOrigins } from '../../../src/plan/origins.js';

const job = { name: 'a', family: 't-a', contentHash: 'h' } as unknown as DesiredJob;

function originWhenPinning(pinnedArn: string | undefined): string | undefined {
  const [a] = withOrigins([action('create', 'taskDefinition', 't-a')], {
    job,
    view: undefined,
    target: undefined,
    pinned: undefined,
    pinnedArn,
    owner: 'etl',
  });
  return a?.origin;
}

describe('origin of a task definition whose family is gone', () => {
  it("is AWS's when the schedule pins a revision of the job's own family, in any partition", () => {
    expect(originWhenPinning('arn:aws:ecs:us-east-1:123456789012:task-definition/t-a:3')).toBe('aws');
    expect(originWhenPinning('arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/t-a:12')).toBe('aws');
  });

  it("is git's when the schedule pins another family, nothing, or what is not a revision ARN", () => {
    expect(originWhenPinning('arn:aws:ecs:us-east-1:123456789012:task-definition/t-ab:3')).toBe('git');
    expect(originWhenPinning('arn:aws:ecs:us-east-1:123456789012:task-definition/t:3')).toBe('git');
    expect(originWhenPinning(undefined)).toBe('git');
    expect(originWhenPinning('arn:aws:ecs:us-east-1:123456789012:task-definition/t-a')).toBe('git');
    // Hand-parsing took everything before the last colon as the family: "t-a" here.
    expect(originWhenPinning('arn:aws:ecs:us-east-1:123456789012:task-definition/t-a:latest')).toBe('git');
  });
});
