// Terminal injection (issue 14, item 10): ESC, BEL, NUL and C1 controls from file names,
// manifests and values read back from AWS never reach the terminal raw, through the built CLI.
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  rawClients,
  updateScheduleOutOfBand,
} from '../../support/aws.js';
import { runBerth, type CliResult } from '../../support/berth-cli.js';
import { emulatorEnv, resetEmulator } from '../../support/emulator.js';
import { configYaml, jobYaml, TestRepo, type RepoNetwork } from '../../support/repo.js';

// What a terminal acts on: C0 but line feed and tab, DEL, C1.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let repo: TestRepo | undefined;

afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

function expectNoRawControl(r: CliResult, what: string): void {
  expect(r.stdout, `${what}: stdout`).not.toMatch(RAW);
  expect(r.stderr, `${what}: stderr`).not.toMatch(RAW);
}

describe('validate', () => {
  it('a file name with ESC/BEL is an error at that file, shown escaped in every format', async () => {
    repo = await TestRepo.create(
      configYaml({ network: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] } }),
      {
        'ok.yaml': jobYaml('ok'),
        'evil\u001b]0;owned\u0007\u001b[2J.yaml': jobYaml('evil'),
      },
    );
    for (const format of ['text', 'github', 'json']) {
      const r = await runBerth(['-C', repo.dir, 'validate', '-o', format], {});
      expectNoRawControl(r, format);
      expect(r.code, `${format}: ${r.stdout}${r.stderr}`).toBe(1);
      expect(r.stdout, format).toContain('file/name');
    }
    const text = await runBerth(['-C', repo.dir, 'validate'], {});
    expect(text.stdout).toContain('jobs/evil\\x1b]0;owned\\x07\\x1b[2J.yaml');
    const json = await runBerth(['-C', repo.dir, 'validate', '-o', 'json'], {});
    const diags = (JSON.parse(json.stdout) as { diagnostics: { file: string; rule: string }[] }).diagnostics;
    // JSON keeps the exact name: a program reading it can find the file.
    expect(diags.find((d) => d.rule === 'file/name')?.file).toBe(
      'jobs/evil\u001b]0;owned\u0007\u001b[2J.yaml',
    );
  });

  it('control characters inside a manifest are refused without being echoed raw', async () => {
    repo = await TestRepo.create(
      configYaml({ network: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] } }),
      {
        'a.yaml': jobYaml('a').replace('STAGE: test', 'STAGE: "te\\e[2Jst\\x9b1m"\n    "K\\a": v'),
      },
    );
    const r = await runBerth(['-C', repo.dir, 'validate'], {});
    expectNoRawControl(r, 'validate');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('value/control-character');
  });
});

describe('plan of values read back from AWS', () => {
  let network: RepoNetwork;

  beforeEach(async () => {
    await resetEmulator();
    await createCluster('etl');
    network = {
      subnets: (await defaultSubnets()).slice(0, 1),
      securityGroups: [await createSecurityGroup('etl')],
    };
  });

  it('a console edit holding C1 and ESC is shown escaped in plan text, Markdown and JSON', async () => {
    repo = await TestRepo.create(configYaml({ network }), { 'a.yaml': jobYaml('a') });
    const env = emulatorEnv();
    const applied = await runBerth(['-C', repo.dir, 'apply', '--auto-approve'], env);
    expect(applied.code, applied.stderr).toBe(0);
    const live = await rawClients().scheduler.send(
      new GetScheduleCommand({ Name: 't-a', GroupName: 'berth-test' }),
    );
    // U+009B is CSI: "\u009b2J" clears the screen on terminals that honour C1, and JSON.stringify
    // leaves it raw; ESC and BEL are in the C0 range JSON escapes.
    await updateScheduleOutOfBand({
      Name: live.Name,
      GroupName: live.GroupName,
      ScheduleExpression: 'cron(0 4 * * ? *)',
      ScheduleExpressionTimezone: live.ScheduleExpressionTimezone,
      State: live.State,
      FlexibleTimeWindow: live.FlexibleTimeWindow,
      Target: live.Target,
      Description: 'edited\u009b2J\u001b]0;t\u0007 by hand',
    });
    for (const args of [['plan'], ['plan', '-o', 'markdown'], ['plan', '-o', 'json']]) {
      const r = await runBerth(['-C', repo.dir, ...args], env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).not.toBe(1);
      expectNoRawControl(r, args.join(' '));
      expect(r.stdout, args.join(' ')).toMatch(/edited\\u009b2J/);
    }
    const json = await runBerth(['-C', repo.dir, 'plan', '-o', 'json'], env);
    // The escape is JSON's own: the value reads back exactly.
    expect(json.stdout).toContain('edited');
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('edited\u009b2J');
  });
});
