// `berth controller`: the GitOps loop as a long-running process. Watches a git branch (or a
// local directory), reconciles on every new commit and every resync, reports drift, serves
// /healthz, /readyz, /metrics, /api/status, /api/drift and the GitHub webhook.
import type { Command } from 'commander';
import {
  controllerSettings,
  environmentTargets,
  knownSecrets,
  type ControllerFlags,
  type ControllerSettings,
  type EnvironmentTargets,
} from '../../config/controller.js';
import { heapBudget, sharedHeapCheck } from '../../config/memory.js';
import type { RuntimeSettings } from '../../config/runtime.js';
import { ControllerFleet } from '../../controller/fleet.js';
import { SharedSource } from '../../controller/shared-source.js';
import type { CycleOutcome } from '../../controller/status.js';
import { createLogger, type Logger } from '../../log/logger.js';
import { scrubStrings, secretMask } from '../../log/scrub.js';
import { environmentsOf } from '../../manifests/load.js';
import { BerthError } from '../../model/errors.js';
import { AlertDispatcher, notifiersFrom } from '../../notify/index.js';
import { systemClock } from '../../run/clock.js';
import { webhookNotice } from '../../server/github-webhook.js';
import { closeServer, createHttpServer, listen } from '../../server/http-server.js';
import { PromMetrics } from '../../server/metrics.js';
import { installProcessGuard } from '../../server/process-guard.js';
import { PromRunMetrics } from '../../server/run-metrics.js';
import { GitSource } from '../../source/git-source.js';
import { LocalSource } from '../../source/local-source.js';
import type { Source } from '../../source/source.js';
import { settingsOf } from '../context.js';
import { environmentLoop, type EnvironmentLoop } from '../controller-environment.js';
import { EXIT } from '../exit-codes.js';
import { VERSION } from '../version.js';
import { regionOption, tableNameOption } from '../option-parsers.js';

interface Flags extends ControllerFlags {
  once?: boolean;
  allEnvs?: boolean;
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
    .option(
      '--all-envs',
      'reconcile every environment of berth.yaml in this one process [BERTH_ALL_ENVS] (see also --env, repeatable, and BERTH_ENV=a,b)',
    )
    .action(async (flags: Flags, cmd: Command) => {
      // -C/--dir, else BERTH_DIR (controllerSettings), only for a local source. --env is the
      // program's option, repeated here for several environments.
      const { dir, env } = cmd.optsWithGlobals<{ dir?: string; env?: string[] }>();
      const targets = environmentTargets({ env, allEnvs: flags.allEnvs });
      const { environment: _e, ...rest } = settingsOf(cmd);
      const runtime: RuntimeSettings =
        targets.mode === 'one' && targets.name !== undefined ? { ...rest, environment: targets.name } : rest;
      const settings = controllerSettings({ ...flags, dir });
      const log = createLogger({ level: settings.logLevel, secrets: knownSecrets(settings) });
      process.exitCode = await runController(settings, runtime, log, { once: flags.once === true, targets });
    });
}

async function runController(
  s: ControllerSettings,
  runtime: RuntimeSettings,
  log: Logger,
  opts: { once: boolean; targets: EnvironmentTargets },
): Promise<number> {
  const metrics = new PromMetrics({ build: { version: VERSION, node: process.versions.node } });
  const runMetrics = new PromRunMetrics(metrics.registry);
  const mask = secretMask(knownSecrets(s));
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
  // The environments of this process share its heap: their jobs are counted together.
  const heapOf = sharedHeapCheck(budget);
  const heapCheck = (env: string) => (jobs: number) => {
    const why = heapOf(env)(jobs);
    if (why) heapFatal(why);
    return why;
  };
  const common = { settings: s, clock, alerts };
  // Several environments: one clone fetched once per interval feeds one loop per environment.
  const shared = opts.targets.mode === 'one' ? undefined : new SharedSource(source);
  const names = shared ? await environmentNames(shared, opts.targets) : [];
  const loops = new Map<string, EnvironmentLoop>();
  if (!shared) {
    const env = runtime.environment;
    const loop = environmentLoop({
      ...common,
      runtime,
      source,
      log,
      heapCheck: heapCheck(env ?? ''),
      metrics: env === undefined ? metrics : metrics.forEnvironment(env),
      runMetrics: env === undefined ? runMetrics : runMetrics.forEnvironment(env),
    });
    loops.set(env ?? '', loop);
  } else {
    for (const name of names) {
      const view = shared.view();
      loops.set(
        name,
        environmentLoop({
          ...common,
          runtime: { ...runtime, environment: name },
          source: view.source,
          evaluate: view.evaluate,
          poll: false,
          heapCheck: heapCheck(name),
          log: log.child({ env: name }),
          metrics: metrics.forEnvironment(name),
          runMetrics: runMetrics.forEnvironment(name),
        }),
      );
    }
  }
  const fleet = shared
    ? new ControllerFleet({
        source: shared,
        loops: new Map([...loops].map(([name, l]) => [name, l.controller])),
        ...(source.watch ? { watch: source.watch.bind(source) } : {}),
        clock,
        random: Math.random,
        intervalMs: s.intervalMs,
        jitter: s.jitter,
      })
    : undefined;
  const all = [...loops.values()];
  log.info(
    {
      source: source.description,
      ...(shared ? { environments: names } : {}),
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

  if (opts.once) {
    const results = fleet
      ? [...(await fleet.trigger('manual')).values()]
      : [await all[0]!.controller.trigger('manual')];
    await Promise.all(all.map((l) => l.watcher?.observe()));
    await Promise.all(all.map((l) => l.leader.stop()));
    await shared?.close();
    await alerts.close(5_000);
    return onceExitCode(results.map((r) => r.outcome));
  }

  // From here on the process serves: nothing that escapes a handler may end it.
  const guard = installProcessGuard(log);
  const single = fleet ? undefined : all[0]!;
  const server = createHttpServer({
    ...(single
      ? { controller: single.controller, ...(single.watcher ? { runs: single.watcher } : {}) }
      : {
          fleet: {
            environments: new Map(
              [...loops].map(([name, l]) => [
                name,
                { controller: l.controller, ...(l.watcher ? { runs: l.watcher } : {}) },
              ]),
            ),
            trigger: (kind, detail) => fleet!.trigger(kind, detail),
          },
        }),
    registry: metrics.registry,
    webhook: { ...s.webhook, branch: s.source.kind === 'git' ? s.source.branch : undefined },
    log,
  });
  const addr = await listen(server, s.listen.port, s.listen.host);
  log.info({ host: addr.address, port: addr.port }, 'http listening');
  const hook = webhookNotice(s.webhook);
  log[hook.level]({ path: '/webhook/github' }, hook.message);
  if (fleet) fleet.start();
  else single!.controller.start();
  for (const l of all) l.watcher?.start();

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
  const clean = fleet ? await fleet.stop() : await single!.controller.stop();
  await Promise.all(all.map((l) => l.watcher?.stop()));
  // Released only once the cycle in flight ended: a follower takes over within seconds.
  await Promise.all(all.map((l) => l.leader.stop()));
  await closeServer(server);
  await alerts.close(5_000);
  guard.uninstall();
  log.info({ clean }, 'stopped');
  return clean && signal !== 'heap' ? EXIT.ok : EXIT.error;
}

/** --once: 1 when any environment's cycle failed, else 2 when jobs still differ somewhere, else 0. */
function onceExitCode(outcomes: readonly CycleOutcome[]): number {
  if (outcomes.some((o) => !['synced', 'out-of-sync', 'degraded'].includes(o))) return EXIT.error;
  return outcomes.every((o) => o === 'synced') ? EXIT.ok : EXIT.changes;
}

/**
 * The environments a controller of several reconciles, checked against berth.yaml of the
 * repository's head before any AWS call: an unknown name is one line naming the known ones.
 */
async function environmentNames(shared: SharedSource, targets: EnvironmentTargets): Promise<string[]> {
  await shared.refresh();
  const snapshot = shared.snapshot;
  if (!snapshot) {
    // The source's errors name it already ("URL#branch: fatal: ..."): not twice.
    const why = errorText(shared.failure);
    const what = why.includes(shared.description) ? 'the repository' : shared.description;
    throw new BerthError('Git', `cannot read ${what} to learn its environments: ${why}`, {
      hint: 'a controller of several environments reads berth.yaml before it starts; check --repo and its credentials',
    });
  }
  const { names: declared, readable } = await environmentsOf(snapshot.dir);
  const known =
    declared.length > 0
      ? `berth.yaml declares ${declared.join(', ')}`
      : 'berth.yaml declares no environments';
  if (targets.mode === 'all') {
    if (!readable)
      throw new BerthError('Invalid', `--all-envs: berth.yaml of ${snapshot.revision} has errors`, {
        hint: 'fix berth.yaml (berth validate), or name the environments with --env so that each reports the invalid revision',
      });
    if (declared.length === 0)
      throw new BerthError('Invalid', `--all-envs: ${known}`, {
        hint: 'declare spec.environments in berth.yaml, or run the controller without --all-envs',
      });
    return declared;
  }
  const names = targets.mode === 'several' ? targets.names : [];
  // A broken berth.yaml says nothing about which environments exist: start the named loops,
  // which report the invalid revision and recover with the fix (as a single environment does);
  // refusing would make a restart after a bad commit crash-loop.
  if (!readable) return names;
  const unknown = names.filter((n) => !declared.includes(n));
  if (unknown.length > 0)
    throw new BerthError(
      'Invalid',
      `unknown environment${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: ${known}`,
      { hint: 'name environments of spec.environments with --env (or BERTH_ENV=a,b), or pass --all-envs' },
    );
  return names;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

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
