// Screenshot of the controller's status page for docs/run-health.md, taken in Debian's headless
// Chromium (the browser the integration test uses). The page is rendered by the controller's own
// renderer from a sample state (three jobs: a failed run, a running one), so no emulator is needed:
//   npx tsx scripts/status-page-screenshot.ts [docs/run-health-status-page.png]
import { createHash } from 'node:crypto';
import path from 'node:path';
import { driftReport } from '../src/controller/drift-report.js';
import { ControllerMemory, type JobStatus } from '../src/controller/status.js';
import type { RunRecord } from '../src/model/runs.js';
import { consoleUrl } from '../src/run/log-location.js';
import type { JobRunsView } from '../src/run-health/watcher.js';
import { renderStatusPage } from '../src/server/status-page/render.js';
import { CHROMIUM, chromiumInstalled, launchChromium } from '../test/support/chromium.js';

const out = path.resolve(process.argv[2] ?? 'docs/run-health-status-page.png');
const NOW = new Date('2026-03-02T04:10:00Z');
const REGION = 'eu-west-1';

function run(job: string, minutesAgo: number, seconds: number, over: Partial<RunRecord> = {}): RunRecord {
  const created = new Date(NOW.getTime() - minutesAgo * 60_000);
  const id = createHash('md5').update(`${job}/${minutesAgo}`).digest('hex');
  const stream = `${job}/main/${id}`;
  const running = over.lastStatus === 'RUNNING';
  return {
    job,
    taskArn: `arn:aws:ecs:${REGION}:123456789012:task/etl/${id}`,
    taskDefinitionArn: `arn:aws:ecs:${REGION}:123456789012:task-definition/etl-${job}:12`,
    trigger: 'schedule',
    startedBy: `chronos-schedule/etl-${job}`,
    createdAt: created.toISOString(),
    startedAt: new Date(created.getTime() + 25_000).toISOString(),
    stoppedAt: running ? null : new Date(created.getTime() + 25_000 + seconds * 1000).toISOString(),
    durationSeconds: seconds,
    lastStatus: 'STOPPED',
    result: 'Succeeded',
    exitCode: 0,
    containers: [
      { name: 'main', essential: true, exitCode: running ? null : (over.exitCode ?? 0), reason: null },
    ],
    stopCode: running ? null : 'EssentialContainerExited',
    stoppedReason: running ? null : 'Essential container in task exited',
    logs: [
      {
        container: 'main',
        group: `/berth/etl-${job}`,
        stream,
        url: consoleUrl(REGION, `/berth/etl-${job}`, stream),
      },
    ],
    source: 'ecs',
    error: null,
    ...over,
  } as RunRecord;
}

function jobView(
  job: string,
  expression: string,
  timezone: string,
  nextRun: string,
  runs: RunRecord[],
): JobRunsView {
  return { job, expression, timezone, nextRun, maxDurationMs: 2 * 3_600_000, runs };
}

const jobs = ['daily-sales', 'fetch-currency-rates', 'refresh-finance-views'].map((job): JobStatus => ({
  job,
  status: 'InSync',
  planned: 'InSync',
  inSync: true,
  divergence: null,
  kind: 'none',
  decision: 'leave',
  reason: '',
  result: null,
  error: null,
  file: `jobs/${job}.yaml`,
  readAt: new Date(NOW.getTime() - 45_000).toISOString(),
}));

const memory = new ControllerMemory();
memory.jobs = jobs;
memory.head = '3f9c2e1a7b5d40c8e2f1a9b7c6d5e4f3a2b1c0d9';
memory.syncedRevision = memory.head;
memory.ready = true;
memory.cycles = 412;
memory.lastCycle = {
  triggers: ['poll'],
  startedAt: new Date(NOW.getTime() - 45_000).toISOString(),
  durationMs: 1_840,
  outcome: 'synced',
  revision: memory.head,
  reconciledRevision: memory.head,
  applied: 0,
  failed: 0,
  differing: 0,
  awsCalls: 9,
  liveRead: {
    kind: 'light',
    lastFullRead: new Date(NOW.getTime() - 1_245_000).toISOString(),
    lastFullReadAgeSeconds: 1_200,
  },
  error: null,
};
const status = {
  ...memory.status('git https://git.example.com/data/etl-jobs.git (main)'),
  owner: 'etl',
  reconciledRevision: memory.head,
};

const html = renderStatusPage({
  status,
  drift: driftReport([], { now: NOW }),
  runs: {
    kind: 'berth.runs',
    formatVersion: 1,
    at: NOW.toISOString(),
    lastObservation: NOW.toISOString(),
    error: null,
    jobs: [
      jobView('daily-sales', 'cron(0 3 * * ? *)', 'Asia/Tokyo', '2026-03-02T18:00:00.000Z', [
        run('daily-sales', 610, 1_372, {
          result: 'Failed',
          exitCode: 2,
          containers: [{ name: 'main', essential: true, exitCode: 2, reason: null }],
        }),
        run('daily-sales', 610 + 1_440, 1_290),
        run('daily-sales', 610 + 2_880, 1_301),
      ]),
      jobView('fetch-currency-rates', 'rate(1 hour)', 'UTC', '2026-03-02T05:00:00.000Z', [
        run('fetch-currency-rates', 10, 95, { lastStatus: 'RUNNING', result: 'Running', exitCode: null }),
        run('fetch-currency-rates', 70, 41),
        run('fetch-currency-rates', 130, 44),
      ]),
      jobView(
        'refresh-finance-views',
        'cron(30 6 ? * MON-FRI *)',
        'Europe/London',
        '2026-03-02T06:30:00.000Z',
        [run('refresh-finance-views', 4_180, 612)],
      ),
    ],
  },
  now: NOW,
});

if (!chromiumInstalled()) {
  process.stderr.write(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM)\n`);
  process.exit(1);
}
const browser = await launchChromium();
try {
  // the page as a browser without JavaScript sees it: it needs none
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1200, height: 800 },
  });
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  await page.screenshot({ path: out, fullPage: true });
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
}
