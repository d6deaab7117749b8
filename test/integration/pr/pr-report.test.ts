// A pull request against a live (emulated) account: base applied, an out-of-band edit to one job,
// a pull request that changes another. The report must credit the pull request with its own
// change only (sections 1 and 2) and show the out-of-band edit as pre-existing drift (section 3).
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLiveCache } from '../../../src/live/index.js';
import type { AwsPorts } from '../../../src/model/ports.js';
import { reviewChange, reviewHasChanges } from '../../../src/pipeline/review.js';
import { PR_REPORT_MARKER, renderPrReport } from '../../../src/report/pr-report.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
  updateScheduleOutOfBand,
} from '../../support/aws.js';
import { runBerth } from '../../support/berth-cli.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { applyRepo } from '../../support/pipeline.js';
import { configYaml, jobYaml, type RepoNetwork } from '../../support/repo.js';
import { GitRepo, withoutShas } from '../../unit/pr/support/git-repo.js';
import { golden } from '../../unit/pr/support/golden.js';

let ports: AwsPorts;
let network: RepoNetwork;
let repo: GitRepo | undefined;

beforeEach(async () => {
  await resetEmulator();
  ports = emulatorPorts();
  await createCluster('etl');
  network = {
    subnets: (await defaultSubnets()).slice(0, 1),
    securityGroups: [await createSecurityGroup('etl')],
  };
});

afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

/** Someone edits job b's schedule in the console: a new time, everything else as it was. */
async function editScheduleOutOfBand(name: string, expression: string): Promise<void> {
  const live = await rawClients().scheduler.send(
    new GetScheduleCommand({ Name: name, GroupName: 'berth-test' }),
  );
  await updateScheduleOutOfBand({
    Name: live.Name,
    GroupName: live.GroupName,
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: live.ScheduleExpressionTimezone,
    State: live.State,
    FlexibleTimeWindow: live.FlexibleTimeWindow,
    Target: live.Target,
  });
}

/** main applied to AWS, then b edited out of band, then "feature" changing a's image. */
async function driftedAccountAndPullRequest(): Promise<Record<string, string>> {
  repo = await GitRepo.create({
    'berth.yaml': configYaml({ network }),
    'jobs/a.yaml': jobYaml('a'),
    'jobs/b.yaml': jobYaml('b'),
  });
  const shas: Record<string, string> = { base: await repo.sha('HEAD') };
  const applied = await applyRepo(repo.dir, ports);
  expect(applied.ok).toBe(true);
  await editScheduleOutOfBand('t-b', 'cron(30 5 * * ? *)');
  await repo.branch('feature');
  await repo.write('jobs/a.yaml', jobYaml('a', { image: '1.37' }));
  shas.head = await repo.commit('a: busybox 1.37');
  // Reviews run from wherever the working tree is: back on main, as a CI checkout might be.
  await repo.checkout('main');
  return shas;
}

const section = (md: string, n: 1 | 2 | 3) => {
  const start = md.indexOf(`### ${n}. `);
  const end = n === 3 ? md.length : md.indexOf(`### ${n + 1}. `);
  return md.slice(start, end);
};

describe('pr-report against AWS', () => {
  it("separates the pull request's change from drift that was there before it", async () => {
    const shas = await driftedAccountAndPullRequest();
    const { review, awsError } = await reviewChange((repo as GitRepo).dir, {
      base: 'main',
      head: 'feature',
      // a fixed time: where next runs move is counted from it, so the golden does not age
      aws: { ports: () => ports, cache: new MemoryLiveCache(), now: new Date('2026-03-01T00:00:00Z') },
    });
    expect(awsError).toBeUndefined();
    expect(review.diff?.jobs.map((j) => j.job)).toEqual(['a']);
    expect(review.live?.head.jobs.map((j) => j.job)).toEqual(['a']);
    const drifted = review.live?.base?.jobs.filter((j) => j.status !== 'InSync');
    expect(drifted?.map((j) => [j.job, j.status])).toEqual([['b', 'Drifted']]);
    expect(reviewHasChanges(review)).toBe(true);

    const md = withoutShas(renderPrReport(review), shas);
    golden('drift-separated.md', md);
    for (const n of [1, 2] as const) {
      expect(section(md, n)).toContain('<code>a</code>');
      expect(section(md, n)).not.toContain('<code>b</code>');
    }
    expect(section(md, 2)).toContain('busybox:1.37');
    expect(section(md, 3)).toContain('<code>b</code>');
    expect(section(md, 3)).toContain('cron(30 5 * * ? *)');
    expect(section(md, 3)).not.toContain('<code>a</code>');
    expect(md).toContain('**Pre-existing drift:** 1 job (not caused by this pull request).');
  });

  it('the CLI: plan --ref, diff and pr-report, with terraform-style exit codes', async () => {
    const shas = await driftedAccountAndPullRequest();
    const dir = (repo as GitRepo).dir;
    const env = emulatorEnv();

    // plan --ref reads feature from git while the working tree stays on main.
    const plan = await runBerth(
      ['-C', dir, 'plan', '--ref', 'feature', '--no-cache', '--detailed-exitcode'],
      env,
    );
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('busybox:1.37');
    expect(plan.stdout).toContain(`revision ${shas.head?.slice(0, 7)}`);
    const diff = await runBerth(
      ['-C', dir, 'diff', '--base', 'main', '--head', 'feature', '--detailed-exitcode'],
      {},
    );
    expect(diff.code).toBe(2);
    expect(diff.stdout).toContain('a: changed');
    const report = await runBerth(
      ['-C', dir, 'pr-report', '--base', 'main', '--head', 'feature', '--no-cache', '--detailed-exitcode'],
      env,
    );
    expect(report.code).toBe(2);
    expect(report.stdout.startsWith(PR_REPORT_MARKER)).toBe(true);
    expect(section(report.stdout, 3)).toContain('<code>b</code>');

    const offline = await runBerth(
      ['-C', dir, 'pr-report', '--base', 'main', '--head', 'feature', '--no-aws'],
      {},
    );
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('Not checked (--no-aws).');

    const missing = await runBerth(['-C', dir, 'diff', '--base', 'origin/main'], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('git ref "origin/main" does not name a commit');
  });

  it('an invalid head: the report still comes out, with the errors, and the exit code is 1', async () => {
    repo = await GitRepo.create({ 'berth.yaml': configYaml({ network }), 'jobs/a.yaml': jobYaml('a') });
    const dir = repo.dir;
    await repo.write('jobs/a.yaml', jobYaml('a', { expression: 'cron(99 3 * * ? *)' }));
    const report = await runBerth(['-C', dir, 'pr-report', '--base', 'main', '--no-cache'], emulatorEnv());
    expect(report.code).toBe(1);
    expect(report.stdout).toMatch(
      /#### Validation errors in `working tree`\n\n```text\njobs\/a\.yaml:\d+:\d+ {2}error/,
    );
    expect(report.stdout).toContain('Not checked (head does not validate).');
  });
});
