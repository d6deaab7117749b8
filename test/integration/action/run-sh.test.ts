// The GitHub Action's script (action/run.sh) as a runner runs it: the built berth on PATH, the
// runner's files for outputs and the step summary, and `gh` replaced by a recorder (the only
// part that would talk to GitHub). No AWS: the review is --no-aws.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BERTH_BIN } from '../../support/berth-cli.js';
import { commitAll } from '../../support/git.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

const NETWORK = { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0c3d4e5f60718293a'] };
let repo: TestRepo;
let work: string;

beforeEach(async () => {
  repo = await TestRepo.create(configYaml({ network: NETWORK }), { 'a.yaml': jobYaml('a') });
  work = mkdtempSync(path.join(tmpdir(), 'berth-action-'));
  const bin = path.join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'berth'), `#!/bin/sh\nexec "${process.execPath}" "${BERTH_BIN}" "$@"\n`);
  // gh: records its arguments; lists one earlier comment when GH_EXISTING is set.
  writeFileSync(
    path.join(bin, 'gh'),
    `#!/bin/sh\necho "$*" >> "${work}/gh.log"\ncase "$*" in *--jq*) [ -n "$GH_EXISTING" ] && echo "$GH_EXISTING";; esac\nexit 0\n`,
  );
  chmodSync(path.join(bin, 'berth'), 0o755);
  chmodSync(path.join(bin, 'gh'), 0o755);
  commitAll(repo.dir);
});

afterEach(async () => {
  await repo.dispose();
  rmSync(work, { recursive: true, force: true });
});

function action(env: Record<string, string>) {
  for (const f of ['summary.md', 'output.txt', 'gh.log']) writeFileSync(path.join(work, f), '');
  const r = spawnSync('bash', [path.resolve('action/run.sh')], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: {
      PATH: `${path.join(work, 'bin')}:${process.env.PATH ?? ''}`,
      HOME: work,
      NO_COLOR: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      GITHUB_STEP_SUMMARY: path.join(work, 'summary.md'),
      GITHUB_OUTPUT: path.join(work, 'output.txt'),
      GITHUB_REPOSITORY: 'acme/etl-jobs',
      RUNNER_TEMP: work,
      ...env,
    },
  });
  const read = (f: string) => readFileSync(path.join(work, f), 'utf8');
  return { ...r, summary: read('summary.md'), outputs: read('output.txt'), gh: read('gh.log') };
}

describe('the berth action', () => {
  it('reviews a pull request without AWS and keeps one comment: created, then updated', async () => {
    await repo.write('jobs/b.yaml', jobYaml('b'));
    const env = {
      BERTH_COMMAND: 'pr-report',
      BERTH_BASE: 'main',
      BERTH_NO_AWS: 'true',
      BERTH_COMMENT: 'true',
      BERTH_PR_NUMBER: '7',
    };
    const first = action(env);
    expect(first.stderr).not.toContain('berth:');
    expect(first.status).toBe(0);
    expect(first.outputs).toContain('validate-exit-code=0\nexit-code=2\n');
    expect(first.outputs).toContain('has-changes=true');
    expect(first.summary).toContain('### berth validate');
    expect(first.summary).toContain('valid: 2 valid jobs in 2 files, no problems');
    expect(first.summary).toContain('<!-- berth:pr-report -->');
    const report = path.join(work, 'berth-report.md');
    expect(first.gh.split('\n').filter(Boolean)).toEqual([
      'api repos/acme/etl-jobs/issues/7/comments --paginate --jq .[] | select(.body | startswith("<!-- berth:pr-report -->")) | .id',
      `api -X POST repos/acme/etl-jobs/issues/7/comments -F body=@${report}`,
    ]);

    const again = action({ ...env, GH_EXISTING: '4242' });
    expect(again.status).toBe(0);
    expect(again.gh).toContain(`api -X PATCH repos/acme/etl-jobs/issues/comments/4242 -F body=@${report}`);
  });

  it('annotates every problem (GitHub shows ten a step) and lists every one in the summary', async () => {
    // Twelve broken files: GitHub would show ten annotations, the summary lists all twelve.
    for (let i = 0; i < 12; i++)
      await repo.write(`jobs/bad-${String(i).padStart(2, '0')}.yaml`, 'kind: Job\n');
    const r = action({ BERTH_COMMAND: 'validate' });
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error ')).length).toBe(12);
    expect(r.summary.match(/error {2}missing apiVersion/g)?.length).toBe(12);
    expect(r.summary).toContain('invalid: 12 errors');
    expect(r.outputs).toBe('validate-exit-code=1\nexit-code=1\n');
  });
});
