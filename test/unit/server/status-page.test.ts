// The status page escapes whatever git, AWS or a task puts in it, and links only to http(s).
import { describe, expect, it } from 'vitest';
import { driftReport } from '../../../src/controller/drift-report.js';
import { ControllerMemory } from '../../../src/controller/status.js';
import type { RunRecord } from '../../../src/model/runs.js';
import { renderStatusPage } from '../../../src/server/status-page/render.js';

const NOW = new Date('2026-03-02T04:00:00Z');
const EVIL = '<script>alert(1)</script>"\'&';

function run(over: Partial<RunRecord>): RunRecord {
  return {
    job: EVIL,
    taskArn: 'arn:aws:ecs:us-east-1:1:task/etl/abc',
    taskDefinitionArn: null,
    trigger: 'schedule',
    startedBy: `chronos-schedule/${EVIL}`,
    createdAt: '2026-03-02T03:00:00.000Z',
    startedAt: '2026-03-02T03:00:30.000Z',
    stoppedAt: '2026-03-02T03:04:00.000Z',
    durationSeconds: 210,
    lastStatus: 'STOPPED',
    result: 'Failed',
    exitCode: 3,
    containers: [{ name: EVIL, essential: true, exitCode: 3, reason: EVIL }],
    stopCode: 'EssentialContainerExited',
    stoppedReason: EVIL,
    logs: [
      { container: 'etl', group: 'g', stream: 's', url: 'javascript:alert(1)' },
      {
        container: 'etl2',
        group: 'g',
        stream: 's',
        url: 'https://eu-west-1.console.aws.amazon.com/x?a=1&b="2"',
      },
    ],
    source: 'ecs',
    error: null,
    ...over,
  };
}

describe('status page', () => {
  it('escapes job names, reasons and container names, and drops non-http links', () => {
    const memory = new ControllerMemory();
    memory.jobs = [
      {
        job: EVIL,
        status: 'InSync',
        planned: 'InSync',
        kind: 'none',
        decision: 'skip',
        reason: '',
        result: null,
        error: null,
        file: null,
      } as never,
    ];
    const html = renderStatusPage({
      status: memory.status(`git ${EVIL}`),
      drift: driftReport([], { now: NOW }),
      runs: {
        kind: 'berth.runs',
        formatVersion: 1,
        at: NOW.toISOString(),
        lastObservation: NOW.toISOString(),
        error: null,
        jobs: [
          {
            job: EVIL,
            expression: `cron(0 3 * * ? *)${EVIL}`,
            timezone: 'Asia/Tokyo',
            nextRun: '2026-03-02T18:00:00.000Z',
            maxDurationMs: null,
            runs: [run({})],
          },
        ],
      },
      now: NOW,
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(html).toContain('href="https://eu-west-1.console.aws.amazon.com/x?a=1&amp;b=%222%22"');
    expect(html).toContain('Tue 2026-03-03 03:00 +09:00');
    expect(html).toContain('Failed (exit 3)');
  });
});
