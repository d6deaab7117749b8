// `berth set-image` as CI runs it: the built CLI edits the repository in place, prints what it
// changed (text or -o json), and puts every file back when the new image leaves it invalid.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBerth } from '../../support/berth-cli.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

let repo: TestRepo;
const network = { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0c3d4e5f60718293a'] };
const berth = (args: string[]) => runBerth(['-C', repo.dir, 'set-image', ...args], {});
const read = (file: string) => readFile(path.join(repo.dir, file), 'utf8');

beforeEach(async () => {
  repo = await TestRepo.create(configYaml({ network }), {
    'a.yaml': `# job a\n${jobYaml('a')}`,
    'b.yaml': jobYaml('b'),
  });
});
afterEach(() => repo.dispose());

describe('berth set-image', () => {
  it('bumps every job using a repository and reports it as JSON', async () => {
    const out = await berth([
      '--all-using',
      'public.ecr.aws/docker/library/busybox',
      'public.ecr.aws/docker/library/busybox:1.37',
      '-o',
      'json',
    ]);
    expect(out.code, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc).toMatchObject({ kind: 'berth.set-image', formatVersion: 1 });
    expect(
      doc.changed.map((c: { job: string; file: string; line: number }) => [c.job, c.file, c.line]),
    ).toEqual([
      ['a', 'jobs/a.yaml', 7],
      ['b', 'jobs/b.yaml', 6],
    ]);
    expect(await read('jobs/a.yaml')).toBe(`# job a\n${jobYaml('a', { image: '1.37' })}`);
    expect(await read('jobs/b.yaml')).toBe(jobYaml('b', { image: '1.37' }));
  });

  it('puts the files back when the edit makes them invalid, and refuses unknown jobs', async () => {
    const before = await read('jobs/a.yaml');
    const bad = await berth(['a', 'Busybox:1..x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/jobs\/a\.yaml:7:\d+ +error .*\[image\/reference\]/);
    expect(bad.stderr).toMatch(/every file was put back/);
    expect(await read('jobs/a.yaml')).toBe(before);
    const unknown = await berth(['c', 'x:1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no job named "c"/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown -o format and an undeclared --env, changing nothing', async () => {
    const before = await read('jobs/a.yaml');
    const yaml = await berth(['a', 'x:1', '-o', 'yaml']);
    expect(yaml.code).not.toBe(0);
    expect(yaml.stderr).toMatch(
      /^berth: option .*'yaml' is invalid\. Allowed choices are text, json\.\n {2}hint: /,
    );
    expect(yaml.stderr).not.toMatch(/\n\s+at /);
    const env = await runBerth(['-C', repo.dir, '--env', 'prod', 'set-image', 'a', 'x:1'], {});
    expect(env.code).toBe(1);
    expect(env.stderr).toMatch(/environment "prod" was asked for .* declares no environments/);
    expect(await read('jobs/a.yaml')).toBe(before);
  });

  it('finds the jobs where berth.yaml says (spec.jobsDir) and keeps problems other files already had', async () => {
    await repo.write('berth.yaml', configYaml({ network, extraSpec: '  jobsDir: manifests\n' }));
    await repo.write('manifests/a.yaml', jobYaml('a'));
    // Already invalid before the edit, and not the edit's doing: no reason to undo it.
    await repo.write('manifests/c.yaml', jobYaml('c', { expression: 'cron(not a cron)' }));
    const out = await berth(['a', 'public.ecr.aws/docker/library/busybox:1.37', '-o', 'json']);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout).changed).toMatchObject([{ job: 'a', file: 'manifests/a.yaml' }]);
    expect(await read('manifests/a.yaml')).toBe(jobYaml('a', { image: '1.37' }));
    expect(await read('jobs/a.yaml')).toBe(`# job a\n${jobYaml('a')}`);
  });
});
