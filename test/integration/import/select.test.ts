// Which jobs a selection names (families, prefix, groups, schedules, rules), and re-running an
// import over files that are already there.
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import { beforeAll, describe, expect, it } from 'vitest';
import { createReferencePorts } from '../../../src/aws/verify-ports.js';
import { readSources } from '../../../src/import/read-sources.js';
import { parseScheduleArg, type ImportSelection } from '../../../src/import/index.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
  ROLE_ARN,
  scheduleInput,
} from '../../support/aws.js';
import { resetEmulator } from '../../support/emulator.js';
import { configYaml, TestRepo } from '../../support/repo.js';
import { berth } from './cli.js';
import { CLUSTER_ARN, seedExistingJobs } from './seed.js';

const none: ImportSelection = {
  families: [],
  groups: [],
  schedules: [],
  rules: [],
  allRules: false,
  eventBusName: 'default',
};

beforeAll(async () => {
  await resetEmulator();
  await createCluster('etl');
  await seedExistingJobs({
    subnets: (await defaultSubnets()).slice(0, 2),
    securityGroups: [await createSecurityGroup('etl')],
  });
  // A second schedule running t-single: berth keeps one schedule per job.
  const extra = scheduleInput({
    group: 'default',
    name: 'single-again',
    taskDefinitionArn: 't-single',
    clusterArn: CLUSTER_ARN,
  });
  await rawClients().scheduler.send(
    new CreateScheduleCommand({ ...extra, Target: { ...extra.Target!, RoleArn: ROLE_ARN } }),
  );
});

async function select(sel: Partial<ImportSelection>) {
  const ports = emulatorPorts();
  const events = createReferencePorts({ maxAttempts: 2 }, ports.calls).events;
  const read = await readSources({ ...none, ...sel }, { ecs: ports.ecs, scheduler: ports.scheduler, events });
  const jobs = read.jobs.map((j) => {
    const o = j.schedule?.origin;
    const from = !o ? '-' : o.kind === 'scheduler' ? `${o.group}/${o.name}` : `rule ${o.rule}`;
    return `${j.family}:${j.revision} ${from}`;
  });
  return { jobs, problems: read.problems, read, calls: ports.calls.snapshot() };
}

describe('import selection', () => {
  it('names families, groups, schedules and rules', async () => {
    // A family finds its schedule in "default"; the other schedule of it is reported, not imported.
    const family = await select({ families: ['t-single'] });
    expect(family.jobs).toEqual(['t-single:1 default/nightly-sales']);
    expect(family.read.jobs[0]?.otherSchedules).toEqual([
      { kind: 'scheduler', group: 'default', name: 'single-again' },
    ]);

    expect((await select({ groups: ['legacy'] })).jobs).toEqual(['t-pair:1 legacy/pair-hourly']);
    expect((await select({ schedules: [parseScheduleArg('legacy/pair-hourly')] })).jobs).toEqual([
      't-pair:1 legacy/pair-hourly',
    ]);

    // Rules only: no Scheduler group is listed.
    const rule = await select({ rules: ['fx-rates-nightly'] });
    expect(rule.jobs).toEqual(['t-ruled:1 rule fx-rates-nightly']);
    expect(rule.calls['scheduler:ListSchedules']).toBeUndefined();

    // A prefix takes every family so named; without --group only "default" is searched for schedules.
    expect((await select({ prefix: 't-' })).jobs).toEqual([
      't-adhoc:1 -',
      't-pair:1 -',
      't-ruled:1 -',
      't-single:1 default/nightly-sales',
    ]);

    const missing = await select({
      families: ['t-nope'],
      rules: ['no-rule'],
      schedules: [parseScheduleArg('nope')],
    });
    expect(missing.jobs).toEqual([]);
    expect(missing.problems).toEqual([
      'schedule default/nope not found',
      'EventBridge rule no-rule not found on event bus default',
      'task-definition family t-nope has no ACTIVE revision',
    ]);
  });

  it('re-running leaves identical files alone and never overwrites a changed one unless forced', async () => {
    const network = {
      subnets: (await defaultSubnets()).slice(0, 2),
      securityGroups: ['sg-0123456789abcdef0'],
    };
    const repo = await TestRepo.create(configYaml({ network }), {});
    try {
      const first = await berth('-C', repo.dir, 'import', '--family', 't-adhoc', '--no-cache');
      expect([first.code, first.stdout.split('\n')[0]]).toEqual([
        0,
        '+ jobs/adhoc.yaml from t-adhoc:1: wrote',
      ]);
      const again = await berth('-C', repo.dir, 'import', '--family', 't-adhoc', '--no-cache');
      expect([again.code, again.stdout.split('\n')[0]]).toEqual([
        0,
        '= jobs/adhoc.yaml from t-adhoc:1: unchanged',
      ]);

      const file = path.join(repo.dir, 'jobs/adhoc.yaml');
      await appendFile(file, '  tags:\n    edited: by-hand\n');
      const kept = await berth('-C', repo.dir, 'import', '--family', 't-adhoc', '--no-cache');
      expect(kept.code).toBe(1);
      expect(kept.stdout).toContain(
        '! jobs/adhoc.yaml from t-adhoc:1: exists — jobs/adhoc.yaml exists with other content (--force overwrites it)',
      );
      expect(await readFile(file, 'utf8')).toContain('edited: by-hand');

      const forced = await berth('-C', repo.dir, 'import', '--family', 't-adhoc', '--force', '--no-cache');
      expect(forced.code).toBe(0);
      expect(await readFile(file, 'utf8')).not.toContain('edited');
    } finally {
      await repo.dispose();
    }
  });

  it('renders in the region the SDK resolved when berth.yaml names none and the cluster by name', async () => {
    // The region comes from AWS_REGION only; the round trip needs it for the cluster's ARN.
    const network = {
      subnets: (await defaultSubnets()).slice(0, 1),
      securityGroups: ['sg-0123456789abcdef0'],
    };
    const config = configYaml({ network })
      .replace('  region: us-east-1\n', '')
      .replace(/ {2}cluster: arn:.*\n/, '  cluster: etl\n');
    const repo = await TestRepo.create(config, {});
    try {
      const r = await berth('-C', repo.dir, 'import', '--family', 't-single', '--dry-run', '--no-cache');
      expect(r.stderr).not.toContain('no region');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('name: single');
    } finally {
      await repo.dispose();
    }
  });
});
