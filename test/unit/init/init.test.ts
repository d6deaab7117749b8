// `berth init`: the files it writes validate as they are, nothing is written on bad answers or
// over other content, the prompts fill in what flags left open, and .gitignore is merged once.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { missing, nameFromFolder, withDefaults } from '../../../src/init/answers.js';
import { ask } from '../../../src/init/prompts.js';
import { gitignoreWith } from '../../../src/init/templates.js';
import { loadRepository } from '../../../src/manifests/index.js';
import { runInProcess } from '../../support/in-process-cli.js';

const FLAGS = [
  '--cluster',
  'etl',
  '--region',
  'eu-west-1',
  '--scheduler-role-arn',
  'arn:aws:iam::123456789012:role/berth-scheduler',
  '--execution-role-arn',
  'arn:aws:iam::123456789012:role/etl-task-execution',
  '--subnet',
  'subnet-0a1b2c3d4e5f60718,subnet-0b2c3d4e5f6071829',
  '--security-group',
  'sg-0c3d4e5f60718293a',
];

let dir: string;
beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(tmpdir(), 'berth-init-')), 'Sales ETL');
});
afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

describe('berth init', () => {
  it('writes a repository that validates with no problem, named after the folder', async () => {
    const r = await runInProcess(['-C', dir, 'init', ...FLAGS, '--workflows', '--no-input']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created   berth.yaml');
    const load = await loadRepository(dir);
    expect(load.diagnostics).toEqual([]);
    expect(load.config?.metadata.name).toBe('sales-etl');
    expect(load.config?.spec.scheduleGroup).toBe('berth-sales-etl');
    expect(load.jobs.map((j) => j.manifest.metadata.name)).toEqual(['hello']);
    const job = readFileSync(path.join(dir, 'jobs/hello.yaml'), 'utf8');
    expect(job.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/job.schema.json');
    expect(existsSync(path.join(dir, 'schemas/job.schema.json'))).toBe(true);
    // The reference is a web address (a package install has no docs/), of a page that exists.
    const config = readFileSync(path.join(dir, 'berth.yaml'), 'utf8');
    const page = /https:\/\/github\.com\/berth-dev\/berth\/blob\/main\/(docs\/[a-z-]+\.md)/.exec(config);
    expect(page?.[1]).toBe('docs/manifest-reference.md');
    expect(existsSync(path.resolve(import.meta.dirname, '../../..', page![1]!))).toBe(true);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('.berth/\n');
    expect(readdirSync(path.join(dir, '.github/workflows')).sort()).toEqual([
      'berth-apply.yml',
      'berth-pull-request.yml',
    ]);
  });

  it('names every missing answer without a terminal, and writes nothing', async () => {
    const r = await runInProcess(['-C', dir, 'init', '--cluster', 'etl', '--no-input']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'berth: berth init needs --scheduler-role-arn, --execution-role-arn, --subnet, --security-group',
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses answers that do not validate, before writing anything', async () => {
    const bad = FLAGS.map((f) => (f === 'sg-0c3d4e5f60718293a' ? 'my-security-group' : f));
    const r = await runInProcess(['-C', dir, 'init', ...bad, '--no-input']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[network/security-group]');
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(path.join(dir, 'berth.yaml'))).toBe(false);
  });

  it('never overwrites a file with other content unless forced; a second run changes nothing', async () => {
    expect((await runInProcess(['-C', dir, 'init', ...FLAGS, '--no-input'])).code).toBe(0);
    const again = await runInProcess(['-C', dir, 'init', ...FLAGS, '--no-input']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('unchanged berth.yaml');
    writeFileSync(path.join(dir, 'jobs/hello.yaml'), '# mine\n');
    const refused = await runInProcess(['-C', dir, 'init', ...FLAGS, '--cluster', 'other', '--no-input']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('berth.yaml, jobs/hello.yaml already exist with other content');
    expect(readFileSync(path.join(dir, 'jobs/hello.yaml'), 'utf8')).toBe('# mine\n');
    const forced = await runInProcess(['-C', dir, 'init', ...FLAGS, '--force', '--no-input']);
    expect(forced.stdout).toContain('updated   jobs/hello.yaml');
  });
});

describe('berth init in a berth repository', () => {
  it('--workflows adds only the workflows, asking nothing; without it, refuses at once', async () => {
    expect((await runInProcess(['-C', dir, 'init', ...FLAGS, '--no-input'])).code).toBe(0);
    const config = readFileSync(path.join(dir, 'berth.yaml'), 'utf8');

    const bare = await runInProcess(['-C', dir, 'init']);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain(
      'berth.yaml already exists: this is a berth repository; nothing was written',
    );
    expect(bare.stderr).toContain('berth init --workflows adds the GitHub workflows');
    expect(existsSync(path.join(dir, '.github'))).toBe(false);

    const added = await runInProcess(['-C', dir, 'init', '--workflows']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('created   .github/workflows/berth-pull-request.yml');
    expect(added.stdout).toContain('created   .github/workflows/berth-apply.yml');
    expect(added.stdout).toContain('BERTH_PLAN_ROLE_ARN');
    expect(added.stdout).not.toContain('berth.yaml');
    expect(readFileSync(path.join(dir, 'berth.yaml'), 'utf8')).toBe(config);

    writeFileSync(path.join(dir, '.github/workflows/berth-apply.yml'), '# mine\n');
    const refused = await runInProcess(['-C', dir, 'init', '--workflows']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('.github/workflows/berth-apply.yml already exist with other content');
    expect(readFileSync(path.join(dir, '.github/workflows/berth-apply.yml'), 'utf8')).toBe('# mine\n');
  });
});

describe('answers', () => {
  it('derives the name from the folder and the prefix and group from the name', () => {
    expect(nameFromFolder('My ETL_jobs!')).toBe('my-etl-jobs');
    expect(nameFromFolder('___')).toBe('jobs');
    expect(withDefaults({ name: 'x' }, 'ignored')).toMatchObject({
      namePrefix: 'x-',
      scheduleGroup: 'berth-x',
    });
  });

  it('needs no execution role when the job is seeded from a live task definition', () => {
    const a = { cluster: 'c', schedulerRoleArn: 'r', subnets: ['s'], securityGroups: ['g'] };
    expect(missing(withDefaults(a, 'f'), false).map((q) => q.flag)).toEqual(['--execution-role-arn']);
    expect(missing(withDefaults(a, 'f'), true)).toEqual([]);
  });

  it('asks for what flags left open, with the derived defaults in brackets', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c: Buffer) => (shown += c.toString()));
    input.end(
      [
        '',
        'us-east-1',
        'etl',
        '',
        '',
        'arn:aws:iam::1:role/s',
        'arn:aws:iam::1:role/e',
        'subnet-1 subnet-2',
        'sg-1',
      ].join('\n') + '\n',
    );
    const a = await ask({}, false, 'Team Jobs', { input, output });
    expect(shown).toContain(
      'Name of this repository (ownership id, tagged on everything berth creates) [team-jobs]: ',
    );
    expect(shown).toContain('[berth-team-jobs]');
    expect(a).toEqual({
      name: 'team-jobs',
      region: 'us-east-1',
      cluster: 'etl',
      namePrefix: 'team-jobs-',
      scheduleGroup: 'berth-team-jobs',
      schedulerRoleArn: 'arn:aws:iam::1:role/s',
      executionRoleArn: 'arn:aws:iam::1:role/e',
      subnets: ['subnet-1', 'subnet-2'],
      securityGroups: ['sg-1'],
    });
  });
});

describe('.gitignore', () => {
  it('gains .berth/ once, and keeps what was there', () => {
    expect(gitignoreWith(undefined)).toBe('# berth: backfill records and other local state\n.berth/\n');
    expect(gitignoreWith('node_modules')).toBe(
      'node_modules\n# berth: backfill records and other local state\n.berth/\n',
    );
    expect(gitignoreWith('dist/\n.berth/\n')).toBeUndefined();
  });
});
