// A schedule whose expression or zone changes shows when it runs next, before and after, in the
// plan (text, Markdown, JSON) and in the desired-state diff of the PR report.
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/plan/compute-plan.js';
import { diffDesired } from '../../../src/plan/desired-diff.js';
import { timingChange } from '../../../src/plan/timing-change.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../../src/report/index.js';
import type { DesiredState } from '../../../src/model/desired.js';
import { loadCase } from './golden-cases.js';

const NOW = new Date('2026-03-01T00:00:00Z');

describe('next runs before and after a schedule change', () => {
  it('says where the next run moves, in each zone and in UTC', () => {
    const t = timingChange(
      { ScheduleExpression: 'cron(0 3 * * ? *)', ScheduleExpressionTimezone: 'Asia/Tokyo' },
      { ScheduleExpression: 'cron(0 3 * * ? *)', ScheduleExpressionTimezone: 'UTC' },
      NOW,
    );
    expect(t).toEqual({
      before: ['2026-03-01T18:00:00.000Z', '2026-03-02T18:00:00.000Z', '2026-03-03T18:00:00.000Z'],
      after: ['2026-03-01T03:00:00.000Z', '2026-03-02T03:00:00.000Z', '2026-03-03T03:00:00.000Z'],
      beforeZone: 'Asia/Tokyo',
      afterZone: 'UTC',
      summary:
        'next run moves from 2026-03-02 03:00 Asia/Tokyo (2026-03-01 18:00 UTC) to 2026-03-01 03:00 UTC',
    });
  });

  it('notices the same instant written another way, and a schedule switched off', () => {
    const same = timingChange(
      { ScheduleExpression: 'cron(0 3 * * ? *)', ScheduleExpressionTimezone: 'Asia/Tokyo' },
      { ScheduleExpression: 'cron(0 18 ? * * *)', ScheduleExpressionTimezone: 'UTC' },
      NOW,
    );
    expect(same?.summary).toMatch(/^next run unchanged: 2026-03-01 18:00 UTC/);
    const off = timingChange(
      { ScheduleExpression: 'cron(0 3 * * ? *)' },
      { ScheduleExpression: 'cron(0 3 * * ? *)', State: 'DISABLED' },
      NOW,
    );
    expect(off?.summary).toBe('next run moves from 2026-03-01 03:00 UTC to no run (disabled)');
    expect(off?.after).toEqual([]);
  });

  it('is absent without a clock or when nothing about the timing changed', () => {
    const s = { ScheduleExpression: 'rate(1 hour)', ScheduleExpressionTimezone: 'UTC' };
    expect(timingChange(s, { ...s, ScheduleExpression: 'rate(2 hours)' }, undefined)).toBeUndefined();
    expect(timingChange(s, { ...s }, NOW)).toBeUndefined();
  });

  it('shows in the plan as text, Markdown and JSON', () => {
    const c = loadCase('change-timezone');
    const plan = computePlan(c.desired, c.live, { now: NOW });
    const line =
      '# next run moves from 2026-03-01 02:30 Europe/Berlin (01:30 UTC) to 2026-03-01 02:30 Europe/London (02:30 UTC)';
    expect(renderPlanText(plan, { color: false })).toContain(line);
    expect(renderPlanMarkdown(plan)).toContain(line);
    const json = JSON.parse(renderPlanJson(plan)) as {
      jobs: { actions: { resource: string; nextRuns: unknown }[] }[];
    };
    const schedule = json.jobs[0]!.actions.find((a) => a.resource === 'schedule');
    expect(schedule?.nextRuns).toMatchObject({ beforeZone: 'Europe/Berlin', afterZone: 'Europe/London' });
    // without `now` the planner computes no times (it has no clock of its own)
    expect(renderPlanText(computePlan(c.desired, c.live, {}), { color: false })).not.toContain('next run');
  });

  it('shows in the desired-state diff when given a time', () => {
    const c = loadCase('change-timezone');
    const base = c.desired;
    const job = base.jobs[0]!;
    const head: DesiredState = {
      ...base,
      jobs: [{ ...job, schedule: { ...job.schedule!, ScheduleExpressionTimezone: 'Asia/Tokyo' } }],
    };
    const diff = diffDesired(base, head, NOW);
    const action = diff.jobs[0]!.actions.find((a) => a.resource === 'schedule');
    expect(action?.timing?.summary).toBe(
      'next run moves from 2026-03-01 02:30 Europe/London (02:30 UTC) to 2026-03-02 02:30 Asia/Tokyo (2026-03-01 17:30 UTC)',
    );
  });
});
