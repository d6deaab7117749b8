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
});
