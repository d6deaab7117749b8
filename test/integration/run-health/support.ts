// A controller on the emulator with its run watcher, HTTP server (status page) and alert
// receiver, wired as `berth controller` wires them; plus ECS events in the shape ECS sends.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createReferencePorts } from '../../../src/aws/verify-ports.js';
import { NO_RATE_LIMITS } from '../../../src/aws/index.js';
import { silentLogger } from '../../../src/log/logger.js';
import type { AwsPorts, RunFeedPort } from '../../../src/model/ports.js';
import { DeadLetterSource, FeedSource } from '../../../src/run-health/sources.js';
import { RunWatcher } from '../../../src/run-health/watcher.js';
import type { Clock } from '../../../src/run/clock.js';
import { provisionRunFeed } from '../../../src/runs/feed-provision.js';
import { closeServer, createHttpServer, listen } from '../../../src/server/http-server.js';
import { PromRunMetrics } from '../../../src/server/run-metrics.js';
import type { Harness } from '../controller/support.js';
import { ACCOUNT, REGION } from '../../support/emulator.js';

/** Real time, moved forward at will (missed runs are a matter of hours). */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now = () => Date.now() + this.offsetMs;
  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
}

export interface HealthHarness {
  watcher: RunWatcher;
  feed: RunFeedPort;
  registry: Registry;
  clock: ShiftedClock;
  url: string;
  close(): Promise<void>;
}

export async function withRunHealth(h: Harness, ports: AwsPorts): Promise<HealthHarness> {
  const feed = createReferencePorts({ maxAttempts: 3, rateLimits: NO_RATE_LIMITS }, ports.calls).runFeed;
  const registry = new Registry();
  const clock = new ShiftedClock();
  const revisions = new Map();
  const watcher = new RunWatcher({
    clock,
    log: silentLogger(),
    alerts: h.dispatcher,
    metrics: new PromRunMetrics(registry),
    portsFor: () => ports,
    desired: () => h.controller.memory.lastGood,
    scheduleLive: (job) =>
      ['InSync', 'Drifted'].includes(h.controller.memory.jobs.find((j) => j.job === job)?.status ?? ''),
    provision: async (desired) => void (await provisionRunFeed(feed, desired)),
    sources: (_d, aws) => [new FeedSource(feed, aws.ecs, revisions), new DeadLetterSource(feed)],
    intervalMs: 3_600_000,
  });
  const server: Server = createHttpServer({
    controller: h.controller,
    registry,
    webhook: { secret: undefined, insecure: true, maxBodyBytes: 1024, branch: 'main' },
    log: silentLogger(),
    runs: watcher,
    now: clock.now,
  });
  const addr = (await listen(server, 0, '127.0.0.1')) as AddressInfo;
  return {
    watcher,
    feed,
    registry,
    clock,
    url: `http://127.0.0.1:${addr.port}`,
    close: async () => {
      await watcher.stop();
      await closeServer(server);
    },
  };
}

/**
 * An EventBridge "ECS Task State Change" event as ECS sends it (trimmed of fields berth does
 * not read: attachments, overrides, version, cpu/memory …; times are ISO strings).
 */
export function taskStateChange(task: {
  taskArn: string;
  clusterArn: string;
  family: string;
  revision: number;
  lastStatus: 'RUNNING' | 'STOPPED';
  startedBy?: string;
  createdAt: Date;
  startedAt?: Date;
  stoppedAt?: Date;
  stopCode?: string;
  stoppedReason?: string;
  containers: { name: string; exitCode?: number; reason?: string }[];
}): string {
  const taskDefinitionArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${task.family}:${task.revision}`;
  return JSON.stringify({
    version: '0',
    id: '3317b2af-7005-947d-b652-f55e762e571a',
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: ACCOUNT,
    time: (task.stoppedAt ?? task.startedAt ?? task.createdAt).toISOString(),
    region: REGION,
    resources: [task.taskArn],
    detail: {
      clusterArn: task.clusterArn,
      containers: task.containers.map((c) => ({
        containerArn: `${task.taskArn.replace(':task/', ':container/')}/${c.name}`,
        exitCode: c.exitCode,
        lastStatus: task.lastStatus,
        name: c.name,
        taskArn: task.taskArn,
        ...(c.reason ? { reason: c.reason } : {}),
      })),
      createdAt: task.createdAt.toISOString(),
      launchType: 'FARGATE',
      desiredStatus: task.lastStatus,
      group: `family:${task.family}`,
      lastStatus: task.lastStatus,
      ...(task.startedAt ? { startedAt: task.startedAt.toISOString() } : {}),
      ...(task.startedBy ? { startedBy: task.startedBy } : {}),
      ...(task.stoppedAt
        ? { stoppedAt: task.stoppedAt.toISOString(), stoppingAt: task.stoppedAt.toISOString() }
        : {}),
      ...(task.stopCode ? { stopCode: task.stopCode } : {}),
      ...(task.stoppedReason ? { stoppedReason: task.stoppedReason } : {}),
      taskArn: task.taskArn,
      taskDefinitionArn,
      updatedAt: (task.stoppedAt ?? task.startedAt ?? task.createdAt).toISOString(),
      version: task.lastStatus === 'STOPPED' ? 3 : 2,
    },
  });
}
