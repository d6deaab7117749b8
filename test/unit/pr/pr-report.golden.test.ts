// The pull-request report from real git repositories (base on main, head on a branch or in the
// working tree), desired state only: goldens for the common shapes of a pull request.
import { afterEach, describe, expect, it } from 'vitest';
import { reviewChange, reviewHasChanges } from '../../../src/pipeline/review.js';
import { renderDiffJson, renderDiffText } from '../../../src/report/desired-diff.js';
import { PR_REPORT_MARKER, renderPrReport } from '../../../src/report/pr-report.js';
import { GitRepo, withoutShas } from './support/git-repo.js';
import { golden } from './support/golden.js';
import { configYaml, jobYaml } from './support/manifests.js';

let repo: GitRepo | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

/** Base on main from `base`, head committed on "feature" after `edit`. */
async function pullRequest(base: Record<string, string>, edit: (r: GitRepo) => Promise<void>) {
  repo = await GitRepo.create(base);
  const shas: Record<string, string> = { base: await repo.sha('HEAD') };
  await repo.branch('feature');
  await edit(repo);
  shas.head = await repo.commit('head');
  return { repo, shas };
}

async function report(head: string | undefined, shas: Record<string, string>) {
  const r = repo as GitRepo;
  const result = await reviewChange(r.dir, { base: 'main', head, noAwsReason: '--no-aws' });
  const render = (maxChars?: number) => withoutShas(renderPrReport(result.review, { maxChars }), shas);
  return { ...result, md: render(), render };
}

const BASE = {
  'berth.yaml': configYaml(),
  'jobs/daily-sales.yaml': jobYaml('daily-sales', { env: { STAGE: 'prod', DB_PASSWORD: 'hunter2-base' } }),
  'jobs/old-report.yaml': jobYaml('old-report'),
  'jobs/steady.yaml': jobYaml('steady'),
};

describe('pr-report goldens', () => {
  it('added, changed and removed jobs, with secrets masked', async () => {
    const { shas } = await pullRequest(BASE, async (r) => {
      await r.write(
        'jobs/daily-sales.yaml',
        jobYaml('daily-sales', { image: '1.1', env: { STAGE: 'prod', DB_PASSWORD: 'hunter2-head' } }),
      );
      await r.remove('jobs/old-report.yaml');
      await r.write(
        'jobs/weekly-inventory.yaml',
        jobYaml('weekly-inventory', { expression: 'cron(0 6 ? * MON *)' }),
      );
    });
    const { md, review } = await report('feature', shas);
    golden('jobs-changed.md', md);
    expect(md.startsWith(`${PR_REPORT_MARKER}\n`)).toBe(true);
    expect(md).not.toMatch(/hunter2/);
    expect(review.diff?.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(reviewHasChanges(review)).toBe(true);
    golden('jobs-changed.txt', withoutShas(renderDiffText(review, { color: false }), shas));
    const json = withoutShas(renderDiffJson(review), shas);
    golden('jobs-changed.json', json);
    expect(json).not.toMatch(/hunter2/);
  });

  it('an invalid head: its errors first, with file:line, and nothing compared', async () => {
    const { shas } = await pullRequest(BASE, async (r) => {
      await r.write('jobs/steady.yaml', jobYaml('steady', { expression: 'cron(0 3 * * * *)' }));
      await r.write('jobs/daily-sales.yaml', jobYaml('daily-sales', { extraSpec: '  retries: 3\n' }));
    });
    const { md, review } = await report('feature', shas);
    golden('invalid-head.md', md);
    expect(review.head.valid).toBe(false);
    expect(review.diff).toBeUndefined();
    // The errors come before any section, each with its place.
    const errorsAt = md.indexOf('#### Validation errors');
    expect(errorsAt).toBeGreaterThan(0);
    expect(errorsAt).toBeLessThan(md.indexOf('### 1.'));
    expect(md).toMatch(/jobs\/steady\.yaml:\d+:\d+ {2}error/);
    expect(md).toMatch(/jobs\/daily-sales\.yaml:\d+:\d+ {2}error/);
  });

  it('a pull request with no effect (reordered, respelled, commented) in the working tree', async () => {
    repo = await GitRepo.create(BASE);
    const shas = { commit: await repo.sha('HEAD') };
    const reordered = jobYaml('steady', { env: { STAGE: 'prod' } })
      .replace('spec:\n', '# a comment that changes nothing\nspec:\n')
      .replace('  command: [run, steady]\n', '  command:\n    - run\n    - steady\n');
    await repo.write('jobs/steady.yaml', reordered);
    await repo.write(
      'berth.yaml',
      configYaml().replace('cpu: 256', 'cpu: 0.25 vCPU').replace('memory: 512', 'memory: 512 MiB'),
    );
    const { md, review } = await report(undefined, shas);
    golden('no-effect.md', md);
    expect(review.head.label).toBe('working tree');
    expect(review.head.commit).toBe(`${shas.commit}-dirty`);
    expect(review.diff?.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
    expect(reviewHasChanges(review)).toBe(false);
  });

  it('a pull request that adopts berth: no config at base, every job new', async () => {
    repo = await GitRepo.create({ 'README.md': '# etl\n' });
    const shas: Record<string, string> = { base: await repo.sha('HEAD') };
    await repo.branch('feature');
    await repo.writeAll({ 'berth.yaml': configYaml(), 'jobs/steady.yaml': jobYaml('steady') });
    shas.head = await repo.commit('adopt berth');
    const { md, review } = await report('feature', shas);
    golden('adopts-berth.md', md);
    expect(review.base.noConfig).toBe(true);
    expect(review.diff?.summary.added).toBe(1);
  });

  it('many jobs: cut at job boundaries under the comment limit, with a note saying so', async () => {
    const jobs: Record<string, string> = {};
    // A new job takes about 3.5 KB of the comment: 60 of them are well over the limit.
    for (let i = 0; i < 60; i++) {
      const name = `job-${String(i).padStart(3, '0')}`;
      jobs[`jobs/${name}.yaml`] = jobYaml(name, {
        env: { STAGE: 'prod', TABLE: `table_${i}`, BATCH: '5000' },
      });
    }
    const { shas } = await pullRequest({ 'berth.yaml': configYaml() }, (r) => r.writeAll(jobs));
    const { md, review, render } = await report('feature', shas);
    expect(review.diff?.summary.added).toBe(60);
    expect(md.length).toBeLessThan(65_536);
    expect(md.length).toBeGreaterThan(60_000);
    expect(md).toContain('**This pull request:** 60 added, 0 changed, 0 removed, 0 unchanged.');
    expect(md).toMatch(
      /> \[!NOTE\]\n> Truncated to fit a comment \(at most 65536 characters\): section 1 lists 60 of 60 jobs, \d+ with details/,
    );
    // Every job shown is shown whole: as many closing tags as opening ones.
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    // The table lists every job; the blocks that follow are the first ones, each whole.
    expect(md.match(/^\| `job-\d+` \|/gm)).toHaveLength(60);
    const blocks = md.match(/<summary><code>job-\d+/g) ?? [];
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.length).toBeLessThan(60);
    expect(blocks.at(-1)).toBe(`<summary><code>job-${String(blocks.length - 1).padStart(3, '0')}`);
    expect(md).toContain(`_Truncated: details of ${60 - blocks.length} listed jobs not shown`);
    golden('size-cap.md', render(6000));
  });
});
