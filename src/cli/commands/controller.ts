// `berth controller`: the GitOps loop as a long-running process. Watches a git branch (or a
// local directory), reconciles on every new commit and every resync, reports drift, serves
// /healthz, /readyz, /metrics, /api/status, /api/drift and the GitHub webhook.
import type { Command } from 'commander';
import {
  controllerSettings,
  knownSecrets,
  type ControllerFlags,
  type ControllerSettings,
} from '../../config/controller.js';
import { heapBudget, heapShortfall } from '../../config/memory.js';
import type { RuntimeSettings } from '../../config/runtime.js';
import { DEFAULT_BACKOFF } from '../../controller/backoff.js';
import { Controller } from '../../controller/loop.js';
import { MemoryLiveCache } from '../../live/index.js';
import { MemoryJobPlanStore } from '../../pipeline/job-plan-store.js';
import { createLogger, type Logger } from '../../log/logger.js';
import type { DesiredState } from '../../model/desired.js';
import { scrubStrings, secretMask } from '../../log/scrub.js';
import type { AwsPorts } from '../../model/ports.js';
import { AlertDispatcher, notifiersFrom } from '../../notify/index.js';
import { environmentAlerts } from '../../notify/environment-alerts.js';
import { systemClock } from '../../run/clock.js';
import { webhookNotice } from '../../server/github-webhook.js';
import { closeServer, createHttpServer, listen } from '../../server/http-server.js';
import { PromMetrics } from '../../server/metrics.js';
import { installProcessGuard } from '../../server/process-guard.js';
import { PromRunMetrics } from '../../server/run-metrics.js';
import { RunWatcher } from '../../run-health/watcher.js';
import { DeadLetterSource, FeedSource } from '../../run-health/sources.js';
import { runFeedPorts } from '../run-feed.js';
import { provisionRunFeed } from '../../runs/feed-provision.js';
import { GitSource } from '../../source/git-source.js';
import { LocalSource } from '../../source/local-source.js';
import type { Source } from '../../source/source.js';
import { accessOf, commandAws, lookupResolver, settingsOf, type CommandAws } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { VERSION } from '../version.js';
import { regionOption, tableNameOption } from '../option-parsers.js';
import { leaderAlerts, leaderElection } from '../lease.js';

interface Flags extends ControllerFlags {
  once?: boolean;
}

export function register(program: Command): void {
  program
    .command('controller')
    .description(
      'run the GitOps loop: watch git, reconcile, detect and report drift, serve health and metrics',
    )
    .option(
      '--repo <url>',
      'git repository (https, ssh or file URL) [BERTH_REPO_URL]; without it: watch --dir',
    )
    .option('--branch <name>', 'branch to follow [BERTH_BRANCH] (default main)')
    .option('--path <dir>', 'directory of berth.yaml inside the repository [BERTH_PATH]')
    .option('--workdir <dir>', 'where the working copy lives [BERTH_WORKDIR]')
    .option('--interval <duration>', 'how often to check the remote [BERTH_INTERVAL] (default 1m)')
    .option('--resync <duration>', 're-read AWS for drift this often [BERTH_RESYNC] (default 5m)')
    .option(
      '--runs-interval <duration>',
      'read job runs from ECS this often for run health, or "off" [BERTH_RUNS_INTERVAL] (default 1m)',
    )
    .option('--auto-sync', 'apply git changes automatically [BERTH_AUTO_SYNC] (default)')
    .option('--no-auto-sync', 'report only: plan every cycle, change nothing')
    .option('--self-heal', 'revert out-of-band changes of every job [BERTH_SELF_HEAL]')
    .option(
      '--no-self-heal',
      'only report out-of-band changes (default; spec.sync.selfHeal still opts a job in)',
    )
    .option('--prune', 'delete what git no longer has [BERTH_PRUNE] (default; berth.yaml prune rules apply)')
    .option('--no-prune', 'never delete; report orphans')
    .option('--listen <[host:]port>', 'HTTP address [BERTH_LISTEN] (default 0.0.0.0:8080)')
    .option(
      '--webhook-insecure',
      'accept unsigned webhooks (no BERTH_WEBHOOK_SECRET) [BERTH_WEBHOOK_INSECURE]',
    )
    .option('--alert-repeat <duration>', 'repeat an unchanged alert after [BERTH_ALERT_REPEAT] (default 6h)')
    .option(
      '--alert-deploys',
      'also alert when a commit is deployed (commit, jobs changed) [BERTH_ALERT_DEPLOYS] (default off)',
    )
    .option('--log-level <level>', 'fatal|error|warn|info|debug [BERTH_LOG_LEVEL] (default info)')
    .option('--shutdown-timeout <duration>', 'longest wait for the cycle in flight on SIGTERM (default 25s)')
    .option(
      '--once',
      'run one cycle and exit: 0 when AWS equals git, 2 when jobs still differ (out-of-sync, degraded), 1 on error (no HTTP server)',
    )
    // The controller keeps its live-state cache in memory for its lifetime: no cache flags.
    .option(
      '--region <region>',
      'AWS region [BERTH_REGION] (default: berth.yaml spec.region, then the SDK chain)',
      regionOption,
    )
    .option('--profile <name>', 'AWS shared-config profile')
    .option(
      '--lock-table <name>',
      'DynamoDB lease table for leader election [BERTH_LOCK_TABLE] (default: berth.yaml spec.lock)',
      tableNameOption,
    )
    .option('--no-lock', 'reconcile without the lease: run one replica only')
    .action(async (flags: Flags, cmd: Command) => {
      const runtime = settingsOf(cmd);
      // -C/--dir, else BERTH_DIR (controllerSettings), only for a local source.
      const { dir } = cmd.optsWithGlobals<{ dir?: string }>();
      const settings = controllerSettings({ ...flags, dir });
      const log = createLogger({ level: settings.logLevel, secrets: knownSecrets(settings) });
      process.exitCode = await runController(settings, runtime, log, flags.once === true);
    });
}

async function runController(
  s: ControllerSettings,
  runtime: RuntimeSettings,
  log: Logger,
  once: boolean,
): Promise<number> {
  const metrics = new PromMetrics({ build: { version: VERSION, node: process.versions.node } });
  const mask = secretMask(knownSecrets(s));
  const aws = commandAws(runtime);
  const ports = portsCache(aws);
  const clock = systemClock;
  const source = sourceFor(s, metrics, log);
  const alerts = new AlertDispatcher({
    notifiers: notifiersFrom(s.alerts),
    log,
    now: clock.now,
    sleep: clock.sleep,
    random: Math.random,
    repeatMs: s.alerts.repeatMs,
    perMinute: s.alerts.perMinute,
    onDelivery: (n, r) => metrics.alertDelivery(n, r),
    muted: s.alerts.deploys ? [] : ['deploy-succeeded'],
    redact: (alert) => scrubStrings(alert, mask),
  });
  // A repository too big for the heap is a start-up error, not an out-of-memory crash a cycle later.
  const budget = heapBudget();
  let heapFatal: (why: string) => void = () => undefined;
  const tooBig = new Promise<string>((resolve) => (heapFatal = resolve));
  const heapCheck = (jobs: number) => {
    const why = heapShortfall(jobs, budget);
    if (why) heapFatal(why);
    return why;
  };
  // Leader election on the lease (berth.yaml spec.lock): only the replica holding it reconciles.
  const leader = leaderElection(runtime, {
    awsFor: (desired) => aws.options(accessOf(desired)),
    clock,
    log,
    metrics,
    elected: () => void controller.trigger('elected'),
  });
  // Alerts of the reconcile loop and of run health alike: sent by the leader only, named with the
  // environment and account (one job failing in two environments is two alerts).
  const sink = leaderAlerts(
    environmentAlerts(alerts, () => ({
      environment: runtime.environment,
      account: controller.status().account ?? undefined,
    })),
    leader,
  );
  const controller: Controller = new Controller({
    leader,
    source,
    clock,
    random: Math.random,
    log,
    alerts: sink,
    metrics,
    // Light reads between full ones every --full-read-interval (the controller's own full resync).
    cache: new MemoryLiveCache({ fullReadIntervalMs: runtime.fullReadIntervalMs }),
    jobPlans: new MemoryJobPlanStore(),
    heapCheck,
    portsFor: ports,
    // One environment per controller (--env / BERTH_ENV): run one controller per environment.
    ...(runtime.environment !== undefined ? { environment: runtime.environment } : {}),
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
    },
  });
  // Run health: the runs of each job, read from ECS beside the reconcile loop.
  const isLeader = () => controller.status().leader !== false;
  const feedPorts = runFeedPorts((desired) => aws.options(accessOf(desired)));
  const feedRevisions = new Map();
  const watcher =
    s.runsIntervalMs > 0
      ? new RunWatcher({
          clock,
          log,
          alerts: sink,
          metrics: new PromRunMetrics(metrics.registry),
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
        })
      : undefined;
  log.info(
    {
      source: source.description,
      sync: s.sync,
      intervalMs: s.intervalMs,
      resyncMs: s.resyncMs,
      notifiers: notifiersFrom(s.alerts).map((n) => `${n.name} ${n.target}`),
      alertDeploys: s.alerts.deploys,
      heapMiB: Math.round(budget.heapBytes / 2 ** 20),
      heapFrom: budget.source,
      ...(budget.containerLimitBytes
        ? { containerLimitMiB: Math.round(budget.containerLimitBytes / 2 ** 20) }
        : {}),
    },
    'controller starting',
  );

  if (once) {
    const r = await controller.trigger('manual');
    await watcher?.observe();
    await leader.stop();
    await alerts.close(5_000);
    if (r.outcome === 'synced') return EXIT.ok;
    return r.outcome === 'out-of-sync' || r.outcome === 'degraded' ? EXIT.changes : EXIT.error;
  }

  // From here on the process serves: nothing that escapes a handler may end it.
  const guard = installProcessGuard(log);
  const server = createHttpServer({
    controller,
    registry: metrics.registry,
    webhook: { ...s.webhook, branch: s.source.kind === 'git' ? s.source.branch : undefined },
    log,
    ...(watcher ? { runs: watcher } : {}),
  });
  const addr = await listen(server, s.listen.port, s.listen.host);
  log.info({ host: addr.address, port: addr.port }, 'http listening');
  const hook = webhookNotice(s.webhook);
  log[hook.level]({ path: '/webhook/github' }, hook.message);
  controller.start();
  watcher?.start();

  const signal = await Promise.race([
    new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    }),
    tooBig.then((why) => {
      log.fatal({ error: why }, 'stopping: the repository does not fit in the heap');
      return 'heap';
    }),
  ]);
  // A second signal means "now": the operator chose not to wait for the call in flight.
  const hurry = (again: string) => {
    log.warn({ signal: again }, 'second signal: exiting without waiting');
    process.exit(EXIT.error);
  };
  process.once('SIGTERM', hurry);
  process.once('SIGINT', hurry);
  log.info({ signal }, 'stopping: finishing the AWS call in flight');
  const clean = await controller.stop();
  await watcher?.stop();
  // Released only once the cycle in flight ended: a follower takes over within seconds.
  await leader.stop();
  await closeServer(server);
  await alerts.close(5_000);
  guard.uninstall();
  log.info({ clean }, 'stopped');
  return clean && signal !== 'heap' ? EXIT.ok : EXIT.error;
}

function sourceFor(s: ControllerSettings, metrics: PromMetrics, log: Logger): Source {
  if (s.source.kind === 'local') return new LocalSource({ dir: s.source.dir });
  return new GitSource({
    url: s.source.url,
    branch: s.source.branch,
    path: s.source.path,
    workdir: s.source.workdir,
    env: s.gitEnv,
    onFetch: (o, error) => {
      metrics.gitFetch(o);
      if (o === 'repaired') log.warn({ error }, 'working copy was damaged: fetched afresh');
    },
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
