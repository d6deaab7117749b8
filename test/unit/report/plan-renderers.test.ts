// Report goldens (text with and without colour, JSON, Markdown, Markdown cut under a small cap)
// and the properties every renderer must keep over every plan fixture: secrets never shown.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/model/plan.js';
import { renderPlanJson } from '../../../src/report/plan-json.js';
import { PLAN_MARKER, renderPlanMarkdown } from '../../../src/report/plan-markdown.js';
import { renderPlanText } from '../../../src/report/plan-text.js';
import { caseNames, PLAN_FIXTURES, UPDATE_GOLDEN } from '../plan/golden-cases.js';

const REPORT_FIXTURES = join(import.meta.dirname, '../../fixtures/report');
const planOf = (name: string): Plan =>
  JSON.parse(readFileSync(join(PLAN_FIXTURES, name, 'plan.json'), 'utf8')) as Plan;

function golden(file: string, actual: string): void {
  const path = join(REPORT_FIXTURES, file);
  if (UPDATE_GOLDEN || !existsSync(path)) {
    if (!UPDATE_GOLDEN) throw new Error(`missing golden ${file}; run with UPDATE_GOLDEN=1`);
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const renderers = {
  text: (p: Plan) => renderPlanText(p, { color: false }),
  'text+color': (p: Plan) => renderPlanText(p, { color: true }),
  json: renderPlanJson,
  markdown: (p: Plan) => renderPlanMarkdown(p),
  'markdown (small cap)': (p: Plan) => renderPlanMarkdown(p, { maxChars: 1500 }),
};

describe('report goldens', () => {
  it.each([
    ['mixed.txt', () => renderPlanText(planOf('mixed'), { color: false })],
    ['mixed.color.txt', () => renderPlanText(planOf('mixed'), { color: true })],
    ['mixed.json', () => renderPlanJson(planOf('mixed'))],
    ['mixed.md', () => renderPlanMarkdown(planOf('mixed'))],
    ['mixed.truncated.md', () => renderPlanMarkdown(planOf('mixed'), { maxChars: 3000 })],
    ['empty-account.txt', () => renderPlanText(planOf('empty-account'), { color: false })],
    ['prune-max-fraction.md', () => renderPlanMarkdown(planOf('prune-max-fraction'))],
    ['prune-max-fraction.txt', () => renderPlanText(planOf('prune-max-fraction'), { color: false })],
    ['prune-empty-desired.json', () => renderPlanJson(planOf('prune-empty-desired'))],
    ['noop-real-aws.txt', () => renderPlanText(planOf('noop-real-aws'), { color: false })],
  ])('%s', (file, render) => golden(file, render()));
});

describe('sensitive values', () => {
  const cases = caseNames().map((name) => {
    const plan = planOf(name);
    const secrets = plan.jobs
      .flatMap((j) => j.actions.flatMap((a) => a.changes))
      .filter((c) => c.sensitive)
      .flatMap((c) => [c.before, c.after])
      .filter((v): v is string => typeof v === 'string');
    return { name, plan, secrets };
  });

  it('the fixtures do carry sensitive values (else the next test proves nothing)', () => {
    const all = cases.flatMap((c) => c.secrets);
    expect(all).toEqual(expect.arrayContaining(['hunter2-not-a-real-password', 'tok-live-1111']));
  });

  it.each(Object.entries(renderers))('%s never shows them', (_name, render) => {
    for (const c of cases) {
      const out = render(c.plan);
      for (const secret of c.secrets) expect(out, `${c.name} leaks ${secret}`).not.toContain(secret);
      if (c.secrets.length > 0 && !_name.includes('small cap')) expect(out).toContain('(sensitive)');
    }
  });
});

describe('renderPlanText', () => {
  const plan = planOf('mixed');
  it('uses ANSI colour only when asked', () => {
    expect(renderPlanText(plan, { color: false })).not.toContain('\u001b[');
    expect(renderPlanText(plan, { color: true })).toContain('\u001b[32m+\u001b[39m');
  });

  it('ends with the summary line', () => {
    const lines = renderPlanText(plan, { color: false }).trimEnd().split('\n');
    expect(lines).toContain('Plan: 2 to create, 2 to update, 5 to delete, 3 unchanged.');
    expect(lines.at(-1)).toBe('1 job in conflict: not planned, see above.');
  });

  it('says so when nothing changes', () => {
    expect(renderPlanText(planOf('noop-moto'), { color: false })).toContain(
      'No changes: AWS matches git.\nPlan: 0 to create, 0 to update, 0 to delete, 5 unchanged.\n',
    );
  });

  it('never says AWS matches git when a prune guard refused', () => {
    for (const name of ['prune-max-fraction', 'prune-empty-desired']) {
      const text = renderPlanText(planOf(name), { color: false });
      expect(text).not.toContain('AWS matches git');
      expect(text).toMatch(
        /^No changes can be made, but AWS differs from git: \d jobs not in git left in place \(prune refused, see warnings\)\.$/m,
      );
    }
  });

  it('never says AWS matches git when jobs are in conflict', () => {
    const plan = planOf('noop-moto');
    const conflict = { ...plan, summary: { ...plan.summary, conflicts: 1 } };
    expect(renderPlanText(conflict, { color: false })).toContain(
      'No changes can be made, but AWS differs from git: 1 job in conflict.\n',
    );
  });

  it('says what stays different after the changes', () => {
    const plan = planOf('mixed');
    const refused = { ...plan, refusedPrune: { guard: 'fraction' as const, warning: 'w', jobs: ['x'] } };
    expect(renderPlanText(refused, { color: false })).toContain(
      'After these changes AWS will still differ from git: 1 job not in git left in place (prune refused, see warnings).',
    );
  });
});

describe('renderPlanJson', () => {
  it('has the same keys on every job, action and change', () => {
    for (const name of caseNames()) {
      const doc = JSON.parse(renderPlanJson(planOf(name))) as {
        jobs: { actions: { changes: object[] }[] }[];
      };
      expect(Object.keys(doc)).toEqual([
        'kind',
        'formatVersion',
        'owner',
        'scheduleGroup',
        'region',
        'account',
        'accountSource',
        'revision',
        'liveFingerprint',
        'liveRead',
        'targets',
        'hasChanges',
        'inSync',
        'summary',
        'warnings',
        'refusedPrune',
        'group',
        'previousGroups',
        'jobs',
        'environment',
        'lookups',
      ]);
      for (const j of doc.jobs) {
        expect(Object.keys(j)).toEqual(['job', 'status', 'file', 'message', 'actions']);
        for (const a of j.actions) {
          expect(Object.keys(a)).toEqual([
            'kind',
            'resource',
            'name',
            'arn',
            'reason',
            'origin',
            'changes',
            'nextRuns',
          ]);
          for (const c of a.changes)
            expect(Object.keys(c)).toEqual(['op', 'path', 'before', 'after', 'sensitive']);
        }
      }
    }
  });

  it('is not in sync when a prune guard refused or a job is in conflict', () => {
    const doc = (name: string) => JSON.parse(renderPlanJson(planOf(name))) as Record<string, unknown>;
    expect(doc('noop-moto')).toMatchObject({ hasChanges: false, inSync: true, refusedPrune: null });
    expect(doc('prune-disabled')).toMatchObject({ inSync: true, refusedPrune: null });
    expect(doc('prune-max-fraction')).toMatchObject({
      hasChanges: false,
      inSync: false,
      refusedPrune: { guard: 'fraction', jobs: expect.any(Array) },
    });
    expect(doc('mixed')).toMatchObject({ inSync: false });
  });

  it('never carries the raw SDK inputs', () => {
    expect(renderPlanJson(planOf('mixed'))).not.toContain('"after": {');
  });
});

describe('renderPlanMarkdown', () => {
  const plan = planOf('mixed');

  it('starts with the marker, then the counts', () => {
    const [first, second] = renderPlanMarkdown(plan).split('\n');
    expect(first).toBe(PLAN_MARKER);
    expect(second).toBe('### berth plan: 2 to create, 2 to update, 5 to delete, 3 unchanged · 1 conflict');
  });

  it('fits everything when under the cap', () => {
    const md = renderPlanMarkdown(plan);
    expect(md.match(/<details>/g)).toHaveLength(4);
    expect(md).not.toContain('Truncated');
  });

  it.each([1500, 2500, 3000, 4000])('cuts at a job boundary under a cap of %i characters', (cap) => {
    const md = renderPlanMarkdown(plan, { maxChars: cap });
    const full = renderPlanMarkdown(plan);
    expect(md.length).toBeLessThanOrEqual(cap);
    const shown = (md.match(/<details>/g) ?? []).length;
    expect((md.match(/<\/details>/g) ?? []).length).toBe(shown);
    expect(shown).toBeLessThan(4);
    expect(md).toContain(`Truncated: ${4 - shown} more job${4 - shown === 1 ? '' : 's'} not shown`);
    // Whatever is shown is exactly the start of the full comment's job sections.
    const sections = (s: string) => s.split('<details>').slice(1, shown + 1);
    expect(sections(md).map((x) => x.split('</details>')[0])).toEqual(
      sections(full).map((x) => x.split('</details>')[0]),
    );
    expect(md.split('\n')[0]).toBe(PLAN_MARKER);
  });

  it('keeps within a cap smaller than its own head', () => {
    const md = renderPlanMarkdown(planOf('prune-max-fraction'), { maxChars: 200 });
    expect(md.length).toBeLessThanOrEqual(200);
    expect(md.startsWith(PLAN_MARKER)).toBe(true);
  });
});
