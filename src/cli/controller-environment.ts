// One environment's reconcile loop in `berth controller`: its AWS session (the environment's
// role), leader election on its lease, alerts named with it, its live cache, job plans, status,
// backoff, and its run watcher. A controller of several environments builds one per environment.
import type { ControllerSettings } from '../config/controller.js';
import type { RuntimeSettings } from '../config/runtime.js';
import { DEFAULT_BACKOFF } from '../controller/backoff.js';
import type { ControllerMetrics } from '../controller/metrics.js';
import { Controller, type ControllerDeps } from '../controller/loop.js';
import type { LeaderElection } from '../lease/leader.js';
import { MemoryLiveCache } from '../live/index.js';
import type { Logger } from '../log/logger.js';
import type { DesiredState } from '../model/desired.js';
import type { AwsPorts } from '../model/ports.js';
import type { AlertSink } from '../notify/dispatcher.js';
import { environmentAlerts } from '../notify/environment-alerts.js';
import { MemoryJobPlanStore } from '../pipeline/job-plan-store.js';
import type { Clock } from '../run/clock.js';
import type { RunMetricsSink } from '../run-health/metrics.js';
import { DeadLetterSource, FeedSource } from '../run-health/sources.js';
import { RunWatcher } from '../run-health/watcher.js';
import { provisionRunFeed } from '../runs/feed-provision.js';
import type { Source } from '../source/source.js';
import { accessOf, commandAws, lookupResolver, type CommandAws } from './context.js';
import { leaderAlerts, leaderElection } from './lease.js';
import { runFeedPorts } from './run-feed.js';

export interface EnvironmentLoop {
  controller: Controller;
  leader: LeaderElection;
  watcher: RunWatcher | undefined;
}

export interface EnvironmentLoopDeps {
  settings: ControllerSettings;
  /** The runtime settings with this loop's environment (undefined: berth.yaml has none). */
  runtime: RuntimeSettings;
  source: Source;
  clock: Clock;
  log: Logger;
  alerts: AlertSink;
  metrics: ControllerMetrics;
  runMetrics: RunMetricsSink;
  heapCheck: (jobs: number) => string | undefined;
  /** Several environments share a source the fleet polls: the loop does not poll it itself. */
  poll?: boolean;
  /** Evaluates a snapshot (a shared source's view holds its snapshot while it is read). */
  evaluate?: ControllerDeps['evaluate'];
}

export function environmentLoop(d: EnvironmentLoopDeps): EnvironmentLoop {
  const { settings: s, runtime, clock, log } = d;
  // Each environment its own AWS session and call counts: a cycle's AWS calls are its own.
  const aws = commandAws(runtime);
  const ports = portsCache(aws);
  // Leader election on the environment's lease (berth.yaml spec.lock, in its account): only the
  // replica holding it reconciles this environment.
  const leader = leaderElection(runtime, {
    awsFor: (desired) => aws.options(accessOf(desired)),
    clock,
    log,
    metrics: d.metrics,
    elected: () => void controller.trigger('elected'),
  });
  // Alerts of the reconcile loop and of run health alike: sent by the leader only, named with the
  // environment and account (one job failing in two environments is two alerts).
  const sink = leaderAlerts(
    environmentAlerts(d.alerts, () => ({
      environment: runtime.environment,
      account: controller.status().account ?? undefined,
    })),
    leader,
  );
  const controller: Controller = new Controller({
    leader,
    source: d.source,
    clock,
    random: Math.random,
    log,
    alerts: sink,
    metrics: d.metrics,
    // Light reads between full ones every BERTH_FULL_READ_INTERVAL (the controller has no flag for
    // it): the controller's own full resync of revisions.
    cache: new MemoryLiveCache({ fullReadIntervalMs: runtime.fullReadIntervalMs }),
    jobPlans: new MemoryJobPlanStore(),
    heapCheck: d.heapCheck,
    portsFor: ports,
    ...(runtime.environment !== undefined ? { environment: runtime.environment } : {}),
    ...(d.evaluate ? { evaluate: d.evaluate } : {}),
    resolveLookups: lookupResolver(runtime, aws),
    policy: s.sync,
    concurrency: runtime.concurrency,
    ...(runtime.region ? { region: runtime.region } : {}),
    settings: {
      intervalMs: s.intervalMs,
      resyncMs: s.resyncMs,
      jitter: s.jitter,
      backoff: {
        ...DEFAULT_BACKOFF,
        maxMs: Math.max(DEFAULT_BACKOFF.initialMs, Math.min(DEFAULT_BACKOFF.maxMs, s.resyncMs)),
      },
      shutdownMs: s.shutdownMs,
      ...(d.poll === false ? { poll: false } : {}),
    },
  });
  return { controller, leader, watcher: runWatcher(d, controller, sink, ports, aws) };
}

/** Run health: the runs of each job, read from ECS beside the reconcile loop. */
function runWatcher(
  d: EnvironmentLoopDeps,
  controller: Controller,
  sink: AlertSink,
  ports: (region: string | undefined, desired?: DesiredState) => AwsPorts,
  aws: CommandAws,
): RunWatcher | undefined {
  const { settings: s, clock, log } = d;
  if (s.runsIntervalMs <= 0) return undefined;
  const isLeader = () => controller.status().leader !== false;
  const feedPorts = runFeedPorts((desired) => aws.options(accessOf(desired)));
  const feedRevisions = new Map();
  return new RunWatcher({
    clock,
    log,
    alerts: sink,
    metrics: d.runMetrics,
    portsFor: ports,
    desired: () => controller.memory.lastGood,
    scheduleLive: (job) =>
      ['InSync', 'Drifted'].includes(controller.memory.jobs.find((j) => j.job === job)?.status ?? ''),
    isLeader,
    ...(s.sync.auto
      ? {
          provision: async (desired: DesiredState, aws: AwsPorts) => {
            const done = await provisionRunFeed(feedPorts(desired, aws), desired);
            if (done) log.info({ queue: done.queue, rule: done.rule }, 'run feed provisioned');
          },
        }
      : {}),
    sources: (desired, aws) => {
      // Reading the feed deletes what it read: only the leader consumes it, so a follower
      // does not take runs (and their alerts) away from the replica that reports them.
      if (!isLeader()) return [];
      const feed = feedPorts(desired, aws);
      return [new FeedSource(feed, aws.ecs, feedRevisions), new DeadLetterSource(feed)];
    },
    intervalMs: s.runsIntervalMs,
  });
}

/**
 * One set of AWS clients per region (and environment role) berth.yaml asks for, kept for the
 * process's life; assumed-role credentials are renewed before they expire.
 */
function portsCache(aws: CommandAws): (region: string | undefined, desired?: DesiredState) => AwsPorts {
  return (region, desired) =>
    aws.ports(desired ? accessOf(desired) : { ...(region ? { region } : {}), owner: '' });
}
