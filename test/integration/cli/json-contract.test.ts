// One JSON contract: every command's `-o json` is one object whose first keys are kind and
// formatVersion, with a kind docs/json-output.md documents; apply is always berth.apply (applied,
// dry run or nothing to do); a failure under -o json is a berth.error document on stdout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_KINDS } from '../../../src/report/json-envelope.js';
import { createCluster, createSecurityGroup, defaultSubnets } from '../../support/aws.js';
import { runBerth, type CliResult } from '../../support/berth-cli.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { commitAll } from '../../support/git.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

let repo: TestRepo;
// The emulator's RunTask wants a memory on every container (AWS does not).
const JOB_A = jobYaml('a')
  .replace(
    '  image: public.ecr.aws/docker/library/busybox:1.36\n',
    '  containers:\n    - name: main\n      image: public.ecr.aws/docker/library/busybox:1.36\n      memory: 512\n',
  )
  .replace('  environment:\n    STAGE: test\n', '');
const berth = (...args: string[]) => runBerth(['-C', repo.dir, ...args], emulatorEnv());

function document(r: CliResult, kind: string): Record<string, unknown> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`not one JSON document (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  expect(Object.keys(doc).slice(0, 2)).toEqual(['kind', 'formatVersion']);
  expect(doc.kind, r.stderr).toBe(kind);
  expect(doc.formatVersion).toBe(1);
  expect(JSON_KINDS).toContain(doc.kind);
  return doc;
}

beforeAll(async () => {
  await resetEmulator();
  await createCluster('etl');
  const network = {
    subnets: (await defaultSubnets()).slice(0, 1),
    securityGroups: [await createSecurityGroup('etl')],
  };
  repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': JOB_A });
  commitAll(repo.dir);
});

afterAll(async () => {
  await repo.dispose();
});

describe('every -o json is {kind, formatVersion, …}', () => {
  it('validate, render, plan, and apply in all three cases', async () => {
    expect(document(await berth('validate', '-o', 'json'), 'berth.validate')).toMatchObject({
      valid: true,
      jobs: 1,
    });
    expect(document(await berth('render', '-o', 'json'), 'berth.render').jobs).toHaveLength(1);
    expect(document(await berth('plan', '-o', 'json', '--no-cache'), 'berth.plan').hasChanges).toBe(true);

    const dry = document(await berth('apply', '--dry-run', '-o', 'json', '--no-cache'), 'berth.apply');
    expect(dry).toMatchObject({
      ok: true,
      applied: false,
      dryRun: true,
      // A dry run changes nothing: AWS still differs from git.
      inSync: false,
      warnings: [],
      refusedPrune: null,
      plan: { kind: 'berth.plan', hasChanges: true },
    });
    const applied = document(
      await berth('apply', '--auto-approve', '-o', 'json', '--no-cache'),
      'berth.apply',
    );
    expect(applied).toMatchObject({
      ok: true,
      applied: true,
      inSync: true,
      jobs: [{ job: 'a', outcome: 'applied' }],
    });
    const nothing = document(
      await berth('apply', '--auto-approve', '-o', 'json', '--no-cache'),
      'berth.apply',
    );
    expect(nothing).toMatchObject({
      ok: true,
      applied: false,
      dryRun: false,
      inSync: true,
      plan: { hasChanges: false },
    });
  });

  it('run, backfill, drift, verify, import and diff', async () => {
    const run = document(await berth('run', 'a', '-o', 'json'), 'berth.run');
    expect(run).toMatchObject({ job: 'a', wait: null });
    const windows = ['--from', '2024-01-01', '--to', '2024-01-03', '--every', '1day'];
    const backfill = await berth(
      'backfill',
      'a',
      ...windows,
      '--dry-run',
      '-o',
      'json',
      '--',
      '{{window.start}}',
    );
    expect(document(backfill, 'berth.backfill').windows).toHaveLength(2);
    document(await berth('drift', '-o', 'json', '--no-cache'), 'berth.drift');
    document(await berth('verify', '-o', 'json', '--no-cache'), 'berth.verify');
    const imported = await berth('import', '--family', 't-a', '--dry-run', '-o', 'json', '--no-cache');
    expect(document(imported, 'berth.import').jobs).toMatchObject([{ name: 'a', family: 't-a' }]);

    await repo.write('jobs/b.yaml', jobYaml('b'));
    const diff = document(await berth('diff', '--base', 'HEAD', '-o', 'json'), 'berth.diff');
    expect(JSON.stringify(diff)).toContain('"b"');
  });

  it('lock status', async () => {
    expect((await berth('lock', 'init', '--lock-table', 'json-locks')).code).toBe(0);
    const status = document(
      await berth('lock', 'status', '--lock-table', 'json-locks', '-o', 'json'),
      'berth.lock',
    );
    expect(status.state).toBe('free');
  });

  it('a failure is a berth.error document on stdout, the message still on stderr', async () => {
    const unknown = await berth('render', 'nope', '-o', 'json');
    expect(unknown.code).toBe(1);
    expect(document(unknown, 'berth.error')).toMatchObject({
      error: { code: 'NotFound', message: 'no job named nope' },
    });
    expect(unknown.stderr).toContain('berth: no job named nope');

    const usage = await berth('apply', '--no-such-flag', '-o', 'json');
    expect(usage.code).toBe(1);
    expect(document(usage, 'berth.error')).toMatchObject({ error: { code: 'Usage' } });

    await repo.write('jobs/broken.yaml', 'kind: Job\n');
    const invalid = await berth('plan', '-o', 'json', '--no-cache');
    expect(invalid.code).toBe(1);
    expect(document(invalid, 'berth.error')).toMatchObject({ error: { code: 'Invalid' } });
    expect(invalid.stderr).toContain('[manifest/api-version]');
  });
});
