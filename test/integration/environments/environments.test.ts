// Two environments of one repository against the emulator: dev in us-east-1 in the account the
// credentials belong to, prod in eu-west-1 in another account reached through AssumeRole (moto
// gives assumed-role credentials the role's account). Subnets come from SSM in each account, the
// security group from a local Terraform state. Each environment is planned and applied in its own
// account and region; a wrong account, an unknown environment, a SecureString lookup and a
// missing parameter are refused before anything changes; the PR report has one section each.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBerth } from '../../support/berth-cli.js';
import { ACCOUNT, emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { GitRepo } from '../../unit/pr/support/git-repo.js';
import {
  base,
  CONFIG,
  DEV_SUBNET,
  endpoint,
  job,
  PROD_ACCOUNT,
  PROD_SUBNET,
  prodCredentials,
  putParameter,
  scheduleNames,
} from './support.js';

let repo: GitRepo | undefined;

const berth = (args: string[], extra: Record<string, string> = {}) =>
  runBerth(['-C', repo!.dir, ...args, ...(args.includes('controller') ? [] : ['--no-cache'])], {
    ...emulatorEnv(),
    ...extra,
  });

beforeEach(async () => {
  await resetEmulator();
  await putParameter('us-east-1', base.credentials, '/etl/subnet', DEV_SUBNET);
  await putParameter('eu-west-1', await prodCredentials(), '/etl/subnet', PROD_SUBNET);
  repo = await GitRepo.create({
    'berth.yaml': CONFIG,
    'jobs/a.yaml': job('a'),
    'jobs/prod-only-report.yaml': job('prod-only-report'),
  });
  await mkdir(path.join(repo.dir, 'infra'));
  await copyFile('test/fixtures/lookups/terraform.tfstate', path.join(repo.dir, 'infra/terraform.tfstate'));
});

afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

describe('two environments, two regions, two accounts', () => {
  it('plans and applies each environment in its own account and region, with its lookups', async () => {
    const plan = await berth(['plan', '-o', 'json'], { BERTH_ENV: 'prod' });
    expect(plan.stderr).toBe('');
    const doc = JSON.parse(plan.stdout);
    expect(doc.environment).toEqual({ name: 'prod', account: PROD_ACCOUNT });
    expect(JSON.stringify(doc.lookups)).toContain(PROD_SUBNET);
    expect(JSON.stringify(doc.lookups)).toContain('sg-0c3d4e5f60718293a');

    const text = await berth(['--env', 'prod', 'plan']);
    expect(text.stdout).toMatch(/environment prod/);
    expect(text.stdout).toContain(PROD_ACCOUNT);
    expect(text.stdout).toContain(`ssm /etl/subnet`);

    for (const env of ['dev', 'prod']) {
      const applied = await berth(['--env', env, 'apply', '--auto-approve']);
      expect(applied.code, applied.stderr).toBe(0);
    }
    // dev in us-east-1 of the base account, without the job it excludes; prod in eu-west-1 of the other.
    expect(await scheduleNames('us-east-1', base.credentials)).toEqual(['t-a']);
    const prod = await prodCredentials();
    expect(await scheduleNames('eu-west-1', prod)).toEqual(['t-a', 't-prod-only-report']);
    expect(await scheduleNames('eu-west-1', base.credentials)).toEqual([]);
    expect(await scheduleNames('us-east-1', prod)).toEqual([]);

    // Each environment is now in sync on its own.
    for (const env of ['dev', 'prod']) {
      const again = await berth(['--env', env, 'plan', '--detailed-exitcode']);
      expect(again.code, `${env}: ${again.stdout}${again.stderr}`).toBe(0);
    }
  });

  it('refuses the wrong account, an unknown environment and a missing one, changing nothing', async () => {
    const wrong = await berth(['--env', 'wrong', 'apply', '--auto-approve']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /environment wrong is account 999999999999, but the credentials are for account 123456789012/,
    );
    const unknown = await berth(['plan'], { BERTH_ENV: 'staging' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /no environment "staging"[^\n]*\n(?:.*\n)*?.*environments: dev, prod, wrong/,
    );
    const none = await berth(['plan']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/choose one with --env NAME or BERTH_ENV/);
    expect(await scheduleNames('us-east-1', base.credentials)).toEqual([]);
  });

  it('refuses SecureString parameters and reports a missing one where it is written', async () => {
    await putParameter('us-east-1', base.credentials, '/etl/token', 'hunter2', 'SecureString');
    await repo!.write(
      'jobs/a.yaml',
      job('a').replace(
        '    command: [echo, hi]',
        '    command: [echo, \'{{ ssm "/etl/token" }}\', \'{{ ssm "/etl/nope" }}\']',
      ),
    );
    const out = await berth(['--env', 'dev', 'apply', '--auto-approve']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/jobs\/a\.yaml:8:\d+ .*SecureString/);
    expect(out.stderr).toMatch(/jobs\/a\.yaml:8:\d+ .*\/etl\/nope/);
    expect(out.stderr + out.stdout).not.toContain('hunter2');
    expect(await scheduleNames('us-east-1', base.credentials)).toEqual([]);
  });

  it('the controller reconciles the environment it is given, in its account, with its lookups', async () => {
    const out = await berth(['--env', 'prod', 'controller', '--once', '--log-level', 'warn']);
    expect(out.code, out.stderr + out.stdout).toBe(0);
    expect(await scheduleNames('eu-west-1', await prodCredentials())).toEqual(['t-a', 't-prod-only-report']);
    expect(await scheduleNames('us-east-1', base.credentials)).toEqual([]);
    // The wrong account: the cycle fails and nothing is written.
    const wrong = await berth(['controller', '--once', '--log-level', 'warn'], { BERTH_ENV: 'wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout + wrong.stderr).toMatch(/account 999999999999/);
    expect(await scheduleNames('us-east-1', base.credentials)).toEqual([]);
  });

  it("the controller's lease is taken in the environment's account, with its role", async () => {
    const prod = await prodCredentials();
    const db = new DynamoDBClient({ region: 'eu-west-1', credentials: prod, endpoint: endpoint() });
    await db.send(
      new CreateTableCommand({
        TableName: 'berth-locks',
        AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // The table exists in the prod account only: with the base credentials it would not be found.
    await repo!.write(
      'berth.yaml',
      CONFIG.replace('      role: ', '      lock:\n        table: berth-locks\n      role: '),
    );
    const out = await berth(['--env', 'prod', 'controller', '--once', '--log-level', 'warn']);
    expect(out.code, out.stderr + out.stdout).toBe(0);
    // The lease was taken (and given back on exit): nothing was written under another account.
    expect(out.stdout + out.stderr).not.toMatch(/lease|ResourceNotFound/i);
  });

  it('reports a pull request per environment, each against its own account', async () => {
    // The review covers every environment: leave out the one no credentials can reach.
    await repo!.write('berth.yaml', CONFIG.slice(0, CONFIG.indexOf('    wrong:')));
    await repo!.commit('only dev and prod');
    for (const env of ['dev', 'prod'])
      expect((await berth(['--env', env, 'apply', '--auto-approve'])).code).toBe(0);
    await repo!.branch('feature');
    await repo!.write('jobs/a.yaml', job('a', '1.37'));
    await repo!.commit('a: busybox 1.37');
    const out = await berth(['pr-report', '--base', 'main', '--detailed-exitcode']);
    expect(out.code, out.stderr).toBe(2);
    const md = out.stdout;
    const dev = md.indexOf('dev');
    const prod = md.indexOf('prod');
    expect(dev).toBeGreaterThan(-1);
    expect(prod).toBeGreaterThan(dev);
    expect(md).toContain(ACCOUNT);
    expect(md).toContain(PROD_ACCOUNT);
    expect((md.match(/busybox:1\.37/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });
});
