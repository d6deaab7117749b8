// Run health end to end on the emulator: the controller applies the jobs and provisions the run
// feed; a simulated Scheduler firing (moto fires no schedules), ECS task state change events put
// into the feed queue in the shape ECS sends, and a dead-letter message become runs, alerts
// (failed, overran and stopped, invocation failed, missed), metrics, /api/runs and the status page,
// which a real headless Chromium loads (with and without JavaScript).
import { DescribeTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunsView } from '../../../src/run-health/watcher.js';
import { schedulerStartedBy } from '../../../src/runs/index.js';
import { feedQueueName } from '../../../src/runs/feed-names.js';
import {
  createCluster,
  createSecurityGroup,
  defaultSubnets,
  emulatorPorts,
  rawClients,
} from '../../support/aws.js';
import { CHROMIUM, chromiumInstalled, launchChromium } from '../../support/chromium.js';
import { ACCOUNT, emulatorEndpoint, REGION, resetEmulator } from '../../support/emulator.js';
import {
  AlertReceiver,
  configYaml,
  GitRemote,
  makeController,
  PREFIX,
  type Harness,
} from '../controller/support.js';
import { setTaskTransition } from '../run/support.js';
import { taskStateChange, withRunHealth, type HealthHarness } from './support.js';

const DLQ = `arn:aws:sqs:${REGION}:${ACCOUNT}:ctl-nightly-dlq`;
const INJECTED = '<img src=x onerror="document.title=\'pwned\'">';

// nightly fires once a day, 12 hours from now (in Tokyo time): never inside the 20 minutes the
// missed-run test moves the clock on. A fixed 03:00 JST (18:00 UTC) made that test fail when it
// ran between 17:40 and 18:00 UTC.
const NIGHTLY_HOUR = (new Date().getUTCHours() + 9 + 12) % 24;
const NIGHTLY_CRON = `cron(0 ${NIGHTLY_HOUR} * * ? *)`;

function nightly(): string {
  return `apiVersion: berth/v1
kind: Job
metadata:
  name: nightly
spec:
  # moto's RunTask wants memory or memoryReservation on every container
  containers:
    - name: nightly
      image: public.ecr.aws/docker/library/busybox:1.36
      command: [sh, -c, "echo nightly"]
      memoryReservation: 128
  schedule:
    expression: ${NIGHTLY_CRON}
    timezone: Asia/Tokyo
    deadLetterQueueArn: ${DLQ}
  run:
    maxDuration: 1m
    stopAfterMaxDuration: true
`;
}

function every5(): string {
  return `apiVersion: berth/v1
kind: Job
metadata:
  name: every5
spec:
  image: public.ecr.aws/docker/library/busybox:1.36
  command: [sh, -c, "echo every5"]
  schedule:
    expression: cron(0/5 * * * ? *)
`;
}

let remote: GitRemote;
let receiver: AlertReceiver;
let h: Harness;
let health: HealthHarness;
let clusterArn: string;
let net: { subnets: string[]; securityGroups: string[] };
let browser: Browser | undefined;

const sqs = () =>
  new SQSClient({
    endpoint: emulatorEndpoint(),
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });

async function until<T>(what: string, fn: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Debian's headless Chromium, launched once, by the test that needs it: without the browser that
 * test fails (it is not skipped), and the other tests still run.
 */
async function launchBrowser(): Promise<Browser> {
  expect(chromiumInstalled(), `${CHROMIUM} missing: apt-get install -y chromium (.ci/run does it)`).toBe(
    true,
  );
  browser ??= await launchChromium();
  return browser;
}
afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await resetEmulator();
  // tasks stay RUNNING until stopped (moto otherwise moves one state per DescribeTasks)
  await setTaskTransition({ progression: 'manual', times: 1_000_000 });
  clusterArn = await createCluster('etl');
  net = { subnets: (await defaultSubnets()).slice(0, 2), securityGroups: [await createSecurityGroup('rh')] };
  await sqs().send(new CreateQueueCommand({ QueueName: 'ctl-nightly-dlq' }));
  remote = await GitRemote.create();
  receiver = await AlertReceiver.start();
  await remote.commit({
    'berth.yaml': `${configYaml(net)}  runs:\n    enabled: true\n    missedRunGraceMinutes: 2\n`,
    'jobs/nightly.yaml': nightly(),
    'jobs/every5.yaml': every5(),
  });
  const ports = emulatorPorts();
  h = await makeController({ remote, ports, receiver });
  health = await withRunHealth(h, ports);
});
afterEach(async () => {
  await health?.close();
  await h?.controller.stop();
  await receiver?.close();
  await remote?.dispose();
  await setTaskTransition(undefined);
});

describe('run health (emulator)', () => {
  it('provisions the feed, turns ECS, feed and dead-letter events into runs, alerts, metrics and a status page', async () => {
    expect((await h.controller.trigger('manual')).outcome).toBe('synced');
    await health.watcher.observe();

    // The feed: a queue and a rule berth owns, the rule aimed at the queue.
    const queue = await health.feed.getQueue(feedQueueName('it-ctl'));
    expect(queue?.tags).toMatchObject({ 'berth:managed-by': 'berth', 'berth:owner': 'it-ctl' });
    expect(queue?.attributes.MessageRetentionPeriod).toBe(String(14 * 86_400));
    const rule = await health.feed.getRule(feedQueueName('it-ctl'));
    expect(JSON.parse(rule!.pattern)).toMatchObject({ 'detail-type': ['ECS Task State Change'] });
    expect(rule?.targets).toEqual([{ id: 'berth-run-feed', arn: queue!.arn }]);

    // Scheduler fires nightly: a task with Scheduler's startedBy.
    const family = `${PREFIX}nightly`;
    const started = await rawClients().ecs.send(
      new RunTaskCommand({
        cluster: clusterArn,
        taskDefinition: family,
        launchType: 'FARGATE',
        startedBy: schedulerStartedBy(family),
        networkConfiguration: {
          awsvpcConfiguration: { subnets: net.subnets, securityGroups: net.securityGroups },
        },
      }),
    );
    const scheduledArn = started.tasks![0]!.taskArn!;
    const revision = Number(started.tasks![0]!.taskDefinitionArn!.split(':').pop());
    const now = Date.now();

    // ECS's events, as EventBridge puts them in the feed queue: the scheduled task started five
    // minutes ago (past maxDuration 1m), and an earlier run that failed with exit 2.
    const failedArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/etl/0f1e2d3c4b5a69788796a5b4c3d2e1f0`;
    const queueUrl = queue!.url;
    for (const body of [
      taskStateChange({
        taskArn: scheduledArn,
        clusterArn,
        family,
        revision,
        lastStatus: 'RUNNING',
        startedBy: schedulerStartedBy(family),
        createdAt: new Date(now - 5 * 60_000),
        startedAt: new Date(now - 5 * 60_000 + 20_000),
        containers: [{ name: 'nightly' }],
      }),
      taskStateChange({
        taskArn: failedArn,
        clusterArn,
        family,
        revision,
        lastStatus: 'STOPPED',
        startedBy: schedulerStartedBy(family),
        createdAt: new Date(now - 26 * 3_600_000),
        startedAt: new Date(now - 26 * 3_600_000 + 30_000),
        stoppedAt: new Date(now - 26 * 3_600_000 + 272_000),
        stopCode: 'EssentialContainerExited',
        stoppedReason: `Essential container in task exited ${INJECTED}`,
        containers: [{ name: 'nightly', exitCode: 2 }],
      }),
    ])
      await sqs().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    // Scheduler could not start a run: its dead-letter event.
    await sqs().send(
      new SendMessageCommand({
        QueueUrl: `${emulatorEndpoint()}/${ACCOUNT}/ctl-nightly-dlq`,
        MessageBody: '{}',
        MessageAttributes: {
          ERROR_CODE: { DataType: 'String', StringValue: 'AccessDeniedException' },
          ERROR_MESSAGE: { DataType: 'String', StringValue: 'not authorized to perform ecs:RunTask' },
          SCHEDULE_ARN: {
            DataType: 'String',
            StringValue: `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/berth-ctl/${family}`,
          },
        },
      }),
    );

    const findings = await health.watcher.observe();
    expect(findings.map((f) => f.kind).sort()).toEqual([
      'run-failed',
      'run-invocation-failed',
      'run-overran',
    ]);

    // The run past its maxDuration was stopped, with berth's reason.
    const [stopped] = (
      await rawClients().ecs.send(new DescribeTasksCommand({ cluster: clusterArn, tasks: [scheduledArn] }))
    ).tasks!;
    expect(stopped?.stoppedReason).toBe('berth: exceeded maxDuration 60s');

    // Alerts, deduplicated: a second look raises nothing new.
    await until('alerts', () => receiver.alerts.length >= 3);
    expect(receiver.kinds().sort()).toEqual([
      'run-failed:nightly',
      'run-invocation-failed:nightly',
      'run-overran:nightly',
    ]);
    const failedAlert = receiver.alerts.find((a) => a.kind === 'run-failed')!;
    expect(failedAlert.title).toBe('Run of nightly failed: exit 2');
    expect(failedAlert.lines).toEqual(expect.arrayContaining(['nightly: exit 2']));
    await health.watcher.observe();
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.alerts).toHaveLength(3);

    // Metrics.
    const metrics = await health.registry.metrics();
    expect(metrics).toContain('berth_job_runs_total{job="nightly",result="Failed"} 1');
    expect(metrics).toContain('berth_job_runs_total{job="nightly",result="InvocationFailed"} 1');
    expect(metrics).toMatch(/berth_job_last_run_duration_seconds\{job="nightly"\} \d+/);
    expect(metrics).toMatch(/berth_job_next_run_timestamp_seconds\{job="nightly"\} \d+/);

    // /api/runs: every run, newest first, with who started it.
    const api = (await (await fetch(`${health.url}/api/runs`)).json()) as RunsView;
    const runs = api.jobs.find((j) => j.job === 'nightly')!.runs;
    expect(runs.map((r) => [r.result, r.trigger, r.source])).toEqual(
      expect.arrayContaining([
        ['Failed', 'schedule', 'feed'],
        ['InvocationFailed', 'schedule', 'dead-letter'],
      ]),
    );

    // The status page in a real browser: content, no injected element, no script ran.
    const chromiumBrowser = await launchBrowser();
    for (const javaScriptEnabled of [true, false]) {
      const context = await chromiumBrowser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const response = await page.goto(`${health.url}/`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
      expect(await page.title()).toBe('berth · it-ctl');
      const row = page.locator('#job-nightly');
      expect(await row.locator('td').nth(1).innerText()).toBe('InSync');
      expect(await row.innerText()).toContain(NIGHTLY_CRON);
      expect(await row.innerText()).toContain('Failed (exit 2)');
      expect(await row.innerText()).toMatch(/\+09:00/); // next run in Tokyo time
      const section = await page.locator('#runs-nightly').innerText();
      expect(section).toContain('AccessDeniedException: not authorized to perform ecs:RunTask');
      expect(section).toContain(`Essential container in task exited ${INJECTED}`);
      expect(await page.locator('img').count()).toBe(0);
      expect(
        await page.locator('a[href^="https://us-east-1.console.aws.amazon.com/cloudwatch/"]').count(),
      ).toBeGreaterThan(0);
      await context.close();
    }
  });

  it('a fire time with no task started by the schedule is a missed run', async () => {
    expect((await h.controller.trigger('manual')).outcome).toBe('synced');
    await health.watcher.observe();
    // 20 minutes later by the watcher's clock: every5 fired at least three times, nothing started
    health.clock.offsetMs = 20 * 60_000;
    const findings = await health.watcher.observe();
    const missed = findings.filter((f) => f.kind === 'run-missed');
    expect(missed.length).toBeGreaterThanOrEqual(3);
    expect(new Set(missed.map((f) => f.job))).toEqual(new Set(['every5']));
    await until(
      'missed-run alerts',
      () => receiver.alerts.filter((a) => a.kind === 'run-missed').length === missed.length,
    );
    // checked once: the same fire times are not reported again
    expect((await health.watcher.observe()).filter((f) => f.kind === 'run-missed')).toEqual([]);
  });
});
