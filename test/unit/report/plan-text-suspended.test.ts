// A suspended job that differs from git is left alone, but the plan never calls AWS equal to git
// while it exists (truth audit).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/model/plan.js';
import { renderPlanText } from '../../../src/report/plan-text.js';
import { PLAN_FIXTURES } from '../plan/golden-cases.js';

const inSync = (): Plan =>
  JSON.parse(readFileSync(join(PLAN_FIXTURES, 'noop-real-aws', 'plan.json'), 'utf8')) as Plan;

describe('the no-changes line with suspended jobs', () => {
  it('says AWS matches git when every job is in sync', () => {
    expect(renderPlanText(inSync(), { color: false })).toContain('No changes: AWS matches git.\n');
  });

  it('names a suspended job that differs instead of claiming AWS matches git', () => {
    const plan = inSync();
    plan.jobs.push({
      job: 'paused',
      status: 'Suspended',
      actions: [],
      message:
        'sync.suspend is set: berth leaves this job alone; it differs from git (schedule update (1 field))',
      differs: true,
    });
    const text = renderPlanText(plan, { color: false });
    expect(text).not.toContain('No changes: AWS matches git.\n');
    expect(text).toContain(
      'No changes: AWS matches git, except 1 suspended job berth leaves alone (paused).',
    );
  });

  it('a suspended job equal to git does not change the line', () => {
    const plan = inSync();
    plan.jobs.push({ job: 'paused', status: 'Suspended', actions: [], message: 'it matches git' });
    expect(renderPlanText(plan, { color: false })).toContain('No changes: AWS matches git.\n');
  });
});
