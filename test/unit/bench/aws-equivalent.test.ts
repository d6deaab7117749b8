// AWS-equivalent counts (bench/aws-equivalent.ts): an account-wide ListTaskDefinitions costs the
// account's pages, one that names an exact family (a targeted read) one page.
import { describe, expect, it } from 'vitest';
import { awsEquivalent } from '../../../bench/aws-equivalent.js';

describe('awsEquivalent', () => {
  const measured = { 'ecs:ListTaskDefinitions': 3, 'scheduler:GetSchedule': 2 };

  it('pages account-wide listings by 100', () => {
    expect(awsEquivalent(measured, { activeRevisions: 1000 })).toEqual({
      'ecs:ListTaskDefinitions': 30,
      'scheduler:GetSchedule': 2,
    });
  });

  it('counts exact-family listings as one page each', () => {
    expect(awsEquivalent(measured, { activeRevisions: 1000 }, 2)['ecs:ListTaskDefinitions']).toBe(12);
    expect(awsEquivalent(measured, { activeRevisions: 1000 }, 9)['ecs:ListTaskDefinitions']).toBe(3);
  });
});
