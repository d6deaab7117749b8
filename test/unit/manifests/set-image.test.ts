// berth set-image edits: golden files that keep every comment, blank line, quote style and flow
// collection; one image per request or every image of a repository; environment overrides
// edited or added; ambiguous requests refused without changing anything.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageRepository, setImage, type ImageRequest } from '../../../src/manifests/set-image.js';

const DIR = join(import.meta.dirname, '../../fixtures/set-image');
const INPUT = readFileSync(join(DIR, 'etl.input.yaml'), 'utf8');
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com/etl';
const update = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, actual: string): void {
  const file = join(DIR, name);
  if (update) writeFileSync(file, actual);
  else if (!existsSync(file)) throw new Error(`missing golden ${name}; run with UPDATE_GOLDEN=1`);
  else expect(actual).toBe(readFileSync(file, 'utf8'));
}

function edit(req: ImageRequest, input = INPUT) {
  const out = setImage([{ path: 'jobs/etl.yaml', text: input }], req);
  if (!out.ok) throw new Error(out.refusal.message);
  return out.files.get('jobs/etl.yaml')!;
}

/** The lines that differ: everything else must be byte for byte the same. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.filter((line, i) => a.length !== b.length || line !== a[i]);
}

describe('set-image goldens', () => {
  it('one container of a job, by --container: only that scalar changes, quotes and comment kept', () => {
    const r = edit({ job: 'web-sync', container: 'app', image: `${ECR}:v2` });
    golden('etl.web-sync-app.yaml', r.text);
    expect(changedLines(INPUT, r.text)).toEqual([`      image: "${ECR}:v2" # bumped by CI`]);
    expect(r.edits).toEqual([
      {
        job: 'web-sync',
        file: 'jobs/etl.yaml',
        line: 9,
        column: 14,
        pointer: '/spec/containers/0/image',
        from: `${ECR}:v1`,
        to: `${ECR}:v2`,
      },
    ]);
  });

  it('--all-using: every image of the repository, each in its own style; the prod override is left and said', () => {
    const r = edit({ repository: ECR, image: `${ECR}:v3` });
    golden('etl.all-using.yaml', r.text);
    expect(r.edits.map((e) => [e.job, e.pointer])).toEqual([
      ['web-sync', '/spec/containers/0/image'],
      ['nightly', '/spec/image'],
    ]);
    expect(changedLines(INPUT, r.text)).toEqual([
      `      image: "${ECR}:v3" # bumped by CI`,
      `  image: '${ECR}:v3'   # same repository`,
    ]);
    expect(r.notes).toEqual([`nightly: environment prod sets its own image (${ECR}:v0): not changed`]);
  });

  it('--env: an existing override is edited; a missing one is added at the indentation of its mapping', () => {
    const prod = edit({ job: 'nightly', environment: 'prod', image: `${ECR}:v2` });
    expect(changedLines(INPUT, prod.text)).toEqual([`      image: ${ECR}:v2`]);
    const staging = edit({ job: 'report', environment: 'staging', image: 'python:3.13-slim' });
    golden('etl.report-staging.yaml', staging.text);
    expect(staging.edits[0]).toMatchObject({
      line: 40,
      column: 7,
      from: undefined,
      pointer: '/spec/environments/staging/image',
    });
    const dev = edit({ job: 'report', environment: 'dev', image: 'python:3.13-slim' });
    golden('etl.report-dev.yaml', dev.text);
    const fresh = edit(
      { job: 'web-sync', environment: 'dev', image: 'x:1' },
      INPUT.replace('containers:', 'image: a:1\n  c:'),
    );
    expect(fresh.text).toContain('spec:\n  environments:\n    dev:\n      image: x:1\n  image: a:1\n');
  });

  it('an image already as asked for changes nothing', () => {
    const r = edit({ job: 'report', image: 'public.ecr.aws/docker/library/python:3.12-slim' });
    expect(r.edits).toEqual([]);
    expect(r.unchanged).toHaveLength(1);
  });
});

describe('set-image refusals', () => {
  const refusal = (req: ImageRequest, text = INPUT) => {
    const out = setImage([{ path: 'jobs/etl.yaml', text }], req);
    return out.ok ? undefined : out.refusal.message;
  };

  it.each([
    [{ job: 'web-sync', image: 'x:1' }, /2 container images: say which with --container NAME/],
    [{ job: 'web-sink', image: 'x:1' }, /no job named "web-sink" \(did you mean web-sync\?\)/],
    [{ job: 'web-sync', container: 'db', image: 'x:1' }, /no container "db"/],
    [{ repository: 'nope', image: 'x:1' }, /no job uses an image of nope/],
    [{ job: 'report', image: 'not an image' }, /is not an image reference/],
    [{ job: 'web-sync', environment: 'prod', image: 'x:1' }, /several containers/],
    [{ image: 'x:1' }, /name a job, or --all-using/],
  ])('%j', (req, message) => {
    expect(refusal(req as ImageRequest)).toMatch(message);
  });

  it('refuses an image that comes from a lookup, and a job defined twice', () => {
    const lookup = INPUT.replace('python:3.12-slim', 'python:{{ env "TAG" }}');
    expect(refusal({ job: 'report', image: 'x:1' }, lookup)).toMatch(/comes from a lookup/);
    // --all-using leaves lookups alone, with a note.
    const out = setImage([{ path: 'a.yaml', text: lookup }], {
      repository: 'public.ecr.aws/docker/library/python',
      image: 'x:1',
    });
    expect(out.ok).toBe(false);
    const twice = setImage(
      [
        { path: 'a.yaml', text: INPUT },
        { path: 'b.yaml', text: INPUT },
      ],
      { job: 'report', image: 'x:1' },
    );
    expect(twice.ok ? '' : twice.refusal.message).toMatch(/defined 2 times \(a\.yaml, b\.yaml\)/);
  });

  it('refuses to add an override into a flow mapping', () => {
    const flow = INPUT.replace(
      '    staging:\n      schedule:\n        expression: cron(0 6 * * ? *)\n',
      '    {staging: {}}\n',
    ).replace('  environments:\n    {staging', '  environments: {staging');
    expect(refusal({ job: 'report', environment: 'staging', image: 'x:1' }, flow)).toMatch(/flow style/);
  });
});

describe('imageRepository', () => {
  it.each([
    ['busybox:1.36', 'busybox'],
    ['localhost:5000/etl:v1', 'localhost:5000/etl'],
    ['localhost:5000/etl', 'localhost:5000/etl'],
    [`${ECR}@sha256:${'a'.repeat(64)}`, ECR],
    [`${ECR}:v1@sha256:${'a'.repeat(64)}`, ECR],
  ])('%s', (image, repo) => expect(imageRepository(image)).toBe(repo));
});
