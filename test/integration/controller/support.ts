// Fixtures for controller tests: a real bare git repository served by file:// URL with a work
// clone that commits and pushes, the controller wired to the emulator, and an HTTP receiver
// that records alerts.
import { createServer, type Server } from 'node:http';
import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { simpleGit, type SimpleGit } from 'simple-git';
import { DEFAULT_BACKOFF } from '../../../src/controller/backoff.js';
import { Controller, type LoopSettings } from '../../../src/controller/loop.js';
import { NO_METRICS, type ControllerMetrics } from '../../../src/controller/metrics.js';
import type { SyncPolicy } from '../../../src/controller/policy.js';
import { MemoryLiveCache } from '../../../src/live/index.js';
import { createLogger, silentLogger, type Logger } from '../../../src/log/logger.js';
import type { AwsPorts } from '../../../src/model/ports.js';
import { AlertDispatcher } from '../../../src/notify/dispatcher.js';
import { WebhookNotifier } from '../../../src/notify/webhook.js';
import type { Alert } from '../../../src/notify/alert.js';
import { systemClock } from '../../../src/run/clock.js';
import { GitSource, type GitSourceOptions } from '../../../src/source/git-source.js';
import { ACCOUNT, REGION } from '../../support/emulator.js';

export const OWNER = 'it-ctl';
export const PREFIX = 'ctl-';
export const GROUP = 'berth-ctl';

export interface Network {
  subnets: string[];
  securityGroups: string[];
}

export function configYaml(net: Network): string {
  return `apiVersion: berth/v1
kind: Config
metadata:
  name: ${OWNER}
spec:
  region: ${REGION}
  cluster: arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/etl
  namePrefix: ${PREFIX}
  scheduleGroup: ${GROUP}
  schedulerRoleArn: arn:aws:iam::${ACCOUNT}:role/berth-scheduler
  keepRevisions: 2
  defaults:
    task:
      launchType: FARGATE
      cpu: 256
      memory: 512
      executionRoleArn: arn:aws:iam::${ACCOUNT}:role/exec
    network:
      subnets: [${net.subnets.join(', ')}]
      securityGroups: [${net.securityGroups.join(', ')}]
`;
}

export function jobYaml(
  name: string,
  opts: { image?: string; expression?: string; selfHeal?: boolean; token?: string } = {},
): string {
  return `apiVersion: berth/v1
kind: Job
metadata:
  name: ${name}
spec:
  image: public.ecr.aws/docker/library/busybox:${opts.image ?? '1.36'}
  command: [sh, -c, "echo ${name}"]
  environment:
    STAGE: test${opts.token ? `\n    API_TOKEN: ${opts.token}` : ''}
  schedule:
    expression: ${opts.expression ?? 'cron(0 3 * * ? *)'}
    timezone: UTC
${opts.selfHeal ? '  sync:\n    selfHeal: true\n' : ''}`;
}

/** A bare repository (the "remote") plus a work clone that commits and pushes to it. */
export class GitRemote {
  private constructor(
    readonly root: string,
    readonly url: string,
    private readonly work: SimpleGit,
    private readonly workDir: string,
  ) {}

  static async create(): Promise<GitRemote> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'berth-ctl-git-'));
    const bare = path.join(root, 'remote.git');
    const workDir = path.join(root, 'work');
    await mkdir(bare);
    await mkdir(workDir);
    await simpleGit(bare).raw(['init', '--quiet', '--bare', '--initial-branch=main']);
    const work = simpleGit(workDir);
    await work.raw(['init', '--quiet', '--initial-branch=main']);
    await work.addConfig('user.name', 'berth test');
    await work.addConfig('user.email', 'test@example.com');
    await work.addConfig('commit.gpgsign', 'false');
    const url = pathToFileURL(bare).href;
    await work.addRemote('origin', url);
    return new GitRemote(root, url, work, workDir);
  }

  /** Writes (string) or deletes (null) files, commits and pushes; returns the commit SHA. */
  async commit(files: Record<string, string | null>, message = 'change'): Promise<string> {
    for (const [rel, body] of Object.entries(files)) {
      const file = path.join(this.workDir, rel);
      if (body === null) await rm(file, { force: true });
      else {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, body);
      }
    }
    await this.work.raw(['add', '--all']);
    await this.work.commit(message);
    await this.work.push('origin', 'main', ['--force']);
    return (await this.work.revparse(['HEAD'])).trim();
  }

  /** Rewrites history: the branch goes back to `sha` (pushed by the next commit, with --force). */
  async resetTo(sha: string): Promise<void> {
    await this.work.raw(['reset', '--quiet', '--hard', sha]);
  }

  /** The next commit starts a history of its own (no parent): an unrelated force-push. */
  async orphan(): Promise<void> {
    await this.work.raw(['update-ref', '-d', 'HEAD']);
  }

  /** Deletes the branch at the remote (the next commit pushes it again). */
  async deleteBranch(): Promise<void> {
    await simpleGit(path.join(this.root, 'remote.git')).raw(['update-ref', '-d', 'refs/heads/main']);
  }

  /** Makes the remote unreachable (or reachable again) by moving the bare repository away. */
  async setReachable(reachable: boolean): Promise<void> {
    const bare = path.join(this.root, 'remote.git');
    const away = path.join(this.root, 'moved.git');
    await rename(reachable ? away : bare, reachable ? bare : away);
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

/** An HTTP endpoint that records every alert POSTed to it. */
export class AlertReceiver {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly alerts: Alert[],
    readonly signatures: (string | undefined)[],
  ) {}

  static async start(): Promise<AlertReceiver> {
    const alerts: Alert[] = [];
    const signatures: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { alert: Alert };
        alerts.push(doc.alert);
        signatures.push(req.headers['x-berth-signature-256'] as string | undefined);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return new AlertReceiver(server, `http://127.0.0.1:${port}/hook/secret-path`, alerts, signatures);
  }

  kinds(): string[] {
    return this.alerts.map((a) => `${a.kind}${a.job ? `:${a.job}` : ''}`);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface Harness {
  controller: Controller;
  dispatcher: AlertDispatcher;
  workdir: string;
}

/** A controller on the real git source and the emulator; cycles are driven by the test. */
export async function makeController(opts: {
  remote: GitRemote;
  ports: AwsPorts;
  receiver: AlertReceiver;
  policy?: Partial<SyncPolicy>;
  metrics?: ControllerMetrics;
  /** The git source: another URL than the remote's (http with credentials), its environment, timeout. */
  source?: Partial<Pick<GitSourceOptions, 'url' | 'env' | 'timeoutMs'>>;
  /** Reuse a working copy (a restarted controller); a fresh temp dir by default. */
  workdir?: string;
  /** Loop settings other than the defaults below (e.g. a backoff no test waits for). */
  settings?: Partial<LoopSettings>;
  log?: Logger;
  /** Send the opt-in deploy notice (as --alert-deploys does); off by default, as in the CLI. */
  alertDeploys?: boolean;
}): Promise<Harness> {
  const workdir = opts.workdir ?? (await mkdtemp(path.join(os.tmpdir(), 'berth-ctl-work-')));
  // BERTH_TEST_LOG=debug shows the controller's log lines while a test runs.
  const level = process.env.BERTH_TEST_LOG;
  const log = opts.log ?? (level ? createLogger({ level, destination: process.stderr }) : silentLogger());
  const metrics = opts.metrics ?? NO_METRICS;
  const dispatcher = new AlertDispatcher({
    notifiers: [new WebhookNotifier(opts.receiver.url, { secret: 'alert-secret' })],
    log,
    now: systemClock.now,
    sleep: systemClock.sleep,
    random: () => 0.5,
    retryDelayMs: 10,
    muted: opts.alertDeploys ? [] : ['deploy-succeeded'],
  });
  const controller = new Controller({
    source: new GitSource({
      url: opts.remote.url,
      branch: 'main',
      workdir,
      ...opts.source,
      // As the CLI wires it.
      onFetch: (o, error) => {
        metrics.gitFetch(o);
        if (o === 'repaired') log.warn({ error }, 'working copy was damaged: fetched afresh');
      },
    }),
    clock: systemClock,
    random: () => 0.5,
    log,
    alerts: dispatcher,
    metrics,
    cache: new MemoryLiveCache(),
    portsFor: () => opts.ports,
    policy: { auto: true, selfHeal: false, prune: true, ...opts.policy },
    settings: {
      intervalMs: 3_600_000,
      resyncMs: 3_600_000,
      jitter: 0,
      backoff: DEFAULT_BACKOFF,
      shutdownMs: 5_000,
      ...opts.settings,
    },
  });
  return { controller, dispatcher, workdir };
}
