// The report's shape on synthetic reviews (pure, fast): counts first, every section heading kept
// whatever is cut, truncation across sections, secrets masked in every section.
import { describe, expect, it } from 'vitest';
import type { JobPlan, Plan, PlanAction } from '../../../src/model/plan.js';
import type { Review } from '../../../src/model/review.js';
import { summarise } from '../../../src/plan/summary.js';
import { PR_REPORT_MARKER, renderPrReport } from '../../../src/report/pr-report.js';

const group: PlanAction = { kind: 'noop', resource: 'scheduleGroup', name: 'g', changes: [] };
const side = (label: string) => ({ label, diagnostics: [], errors: 0, noConfig: false, valid: true });

function drifted(i: number): JobPlan {
  const job = `job-${String(i).padStart(3, '0')}`;
  const changes = Array.from({ length: 12 }, (_, k) => ({
    path: `/containerDefinitions/${job}/environment/VAR_${k}`,
    before: `old-value-${k}`,
    after: `new-value-${k}`,
  }));
  return {
    job,
    status: 'Drifted',
    file: `jobs/${job}.yaml`,
    actions: [{ kind: 'update', resource: 'taskDefinition', name: `etl-${job}`, changes }],
  };
}

function plan(jobs: JobPlan[]): Plan {
  return {
    formatVersion: 1,
    owner: 'o',
    scheduleGroup: 'g',
    liveFingerprint: 'f',
    groupAction: group,
    jobs,
    summary: summarise(group, jobs),
    warnings: [],
  };
}

function review(headJobs: JobPlan[], baseJobs: JobPlan[]): Review {
  const secret = {
    path: '/containerDefinitions/a/environment/DB_PASSWORD',
    before: 'p1',
    after: 'p2',
    sensitive: true,
  };
  return {
    base: side('main'),
    head: side('feature'),
    owner: 'o',
    scheduleGroup: 'g',
    diff: {
      repository: [],
      jobs: [
        {
          job: 'a',
          change: 'changed',
          file: 'jobs/a.yaml',
          actions: [{ kind: 'update', resource: 'taskDefinition', name: 'etl-a', changes: [secret] }],
          settings: [],
        },
      ],
      summary: { added: 0, removed: 0, changed: 1, unchanged: 0 },
    },
    live: { head: plan(headJobs), base: plan(baseJobs) },
  };
}

describe('renderPrReport', () => {
  it('puts the marker and the counts of every section in the first lines', () => {
    const md = renderPrReport(review([drifted(1)], [drifted(2), drifted(3)]));
    const top = md.split('\n').slice(0, 7).join('\n');
    expect(md.startsWith(`${PR_REPORT_MARKER}\n`)).toBe(true);
    expect(top).toContain('**This pull request:** 0 added, 1 changed, 0 removed, 0 unchanged.');
    expect(top).toContain('**Applying it in AWS:** 0 to create, 1 to update, 0 to delete.');
    expect(top).toContain('**Pre-existing drift:** 2 jobs (not caused by this pull request).');
  });

  it('masks sensitive values', () => {
    const md = renderPrReport(review([], []));
    expect(md).toContain('DB_PASSWORD: (sensitive)');
    expect(md).not.toMatch(/"p1"|"p2"/);
  });

  it('cuts every section at job boundaries, keeps all three headings, and says what it left out', () => {
    const many = (from: number) => Array.from({ length: 150 }, (_, i) => drifted(from + i));
    const r = review(many(0), many(500));
    for (const maxChars of [65_536, 12_000]) {
      const md = renderPrReport(r, { maxChars });
      expect(md.length).toBeLessThanOrEqual(maxChars);
      for (const n of [1, 2, 3]) expect(md).toContain(`### ${n}. `);
      expect(md).toContain('<summary><code>a</code>: changed</summary>');
      expect(md).toMatch(
        /> Truncated to fit a comment \(at most \d+ characters\): section 2 lists \d+ of 150 jobs/,
      );
      expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    }
  });

  it('says when there is nothing: no change, no effect in AWS, no drift', () => {
    const r = review([], []);
    const md = renderPrReport({
      ...r,
      diff: { ...r.diff!, jobs: [], summary: { ...r.diff!.summary, changed: 0 } },
    });
    expect(md).toContain('No job changes: every job renders the same AWS inputs as before.');
    expect(md).toContain('Nothing: AWS already matches `feature`.');
    expect(md).toContain('None: AWS matches `main`.');
    expect(md).not.toContain('Truncated');
    const drift = renderPrReport({ ...r, live: { head: plan([]), base: plan([drifted(1)]) } });
    expect(drift).toContain('Nothing beyond the pre-existing drift in section 3.');
  });

  it('names the account and region the live part was read from', () => {
    const r = review([], []);
    const head = { ...plan([]), region: 'us-east-1', account: '123456789012', accountSource: 'aws' as const };
    const md = renderPrReport({ ...r, live: { head, base: plan([]) } });
    expect(md).toMatch(
      /berth review · owner `o` · schedule group `\S+` · account `123456789012` · region `us-east-1`/,
    );
  });
});
