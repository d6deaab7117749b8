// Secrets end to end: a repository and an environment full of known secret values (canaries),
// the built controller run as a process through plan/apply, drift, alerts, a bad commit, a
// rejected git credential and an alert endpoint that breaks every connection, then every CLI
// command; afterwards every byte berth wrote (logs, HTTP answers, alert bodies, plan files,
// cache and work directories) is searched for the canaries, raw and encoded.
//
// The boundary, stated by the canaries' allowedIn: plain `environment:` values are part of the
// task definition by design (AWS stores them as written). A value under a secret-looking name
// is masked in every output people read; its only copies are the repository itself and the
// live-state cache (mode 0600), which holds task definitions as AWS returns them. A value under
// an ordinary name is shown by render and plan: the plaintext-secret warning is the control there.
import { GetScheduleCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, createSecurityGroup, defaultSubnets, rawClients } from '../../support/aws.js';
import { BERTH_BIN, runBerth, startBerth, type CliResult, type RunningCli } from '../../support/berth-cli.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { ACCOUNT, emulatorEnv, REGION, resetEmulator } from '../../support/emulator.js';
import { GitHttpServer } from '../controller/git-http-server.js';
import { GitRemote } from '../controller/support.js';
import { canary, encodedForms, fileArtifacts, scan, type Artifact, type Canary } from './canaries.js';

const PREFIX = 'sec-';
const GROUP = 'berth-sec';

// Secrets berth handles itself: they must not appear anywhere at all.
const GIT = canary('GITPASSWORD');
const SLACK = canary('SLACKPATH');
const ALERT_URL = canary('ALERTQUERY');
const ALERT_SECRET = canary('ALERTHMAC');
const HOOK_SECRET = canary('HOOKHMAC');
const HOOK_BODY = canary('HOOKBODY');
const AWS_SECRET = canary('AWSSECRETKEY');
const AWS_TOKEN = canary('AWSSESSION');
// Plain environment values under secret-looking names (and one in a URL's password): masked in
// every output; present in the repository and the 0600 live-state cache by design.
const inRepoOrCache = (a: string) => a.startsWith('cache/') || a.startsWith('repo/');
const ENV_TOKEN = { ...canary('ENVTOKEN'), allowedIn: inRepoOrCache };
const ENV_DBURL = { ...canary('ENVDBPASS'), allowedIn: inRepoOrCache };
const RUN_TOKEN = { ...canary('RUNTOKEN'), allowedIn: inRepoOrCache };
const LIVE_TOKEN = { ...canary('LIVETOKEN'), allowedIn: inRepoOrCache };
const ENV_TOKEN2 = { ...canary('ENVTOKENTWO'), allowedIn: inRepoOrCache };
const BAD_VALUE = { ...canary('BADVALUE'), allowedIn: inRepoOrCache };
const BAD_YAML = { ...canary('BADYAML'), allowedIn: inRepoOrCache };
// Secrets by their form under harmless names (issue 14): an AWS key id, GitHub and Slack tokens,
// a Slack hook URL, a private-key block, a --db-password=… flag in the command. Masked in every
// output like the above; in the repository and the cache by design.
const shaped = (kind: string, value: string): Canary => ({ kind, value, allowedIn: inRepoOrCache });
const SHAPE_AWS_KEY = shaped('SHAPEAWSKEY', 'AKIACNRYSHAPEKEY7F3A');
const SHAPE_GITHUB = shaped('SHAPEGITHUB', 'ghp_cnryGithubShape7f3a9c2e41d0abcdefghij');
const SHAPE_SLACK = shaped('SHAPESLACK', 'xoxb-cnry-slackshape-7f3a9c2e41d0');
const SHAPE_HOOK = shaped('SHAPEHOOK', 'cnryslackhookshape7f3a9c2e');
const SHAPE_KEY = shaped('SHAPEPRIVATEKEY', 'cnryprivatekeyshape7f3a9c2e41d0');
const SHAPE_FLAG = shaped('SHAPEFLAG', 'cnryPasswordFlag7f3a9c2e');
// Controls that must be visible: an ordinary env value and a secret's ARN are not secrets.
const PUBLIC = canary('PUBLICNOTE');
const SECRET_ARN = canary('SECRETNAME');

const FORBIDDEN: Canary[] = [
  GIT,
  SLACK,
  ALERT_URL,
  ALERT_SECRET,
  HOOK_SECRET,
  HOOK_BODY,
  AWS_SECRET,
  AWS_TOKEN,
  ENV_TOKEN,
  ENV_DBURL,
  RUN_TOKEN,
  LIVE_TOKEN,
  ENV_TOKEN2,
  BAD_VALUE,
  BAD_YAML,
  SHAPE_AWS_KEY,
  SHAPE_GITHUB,
  SHAPE_SLACK,
  SHAPE_HOOK,
  SHAPE_KEY,
  SHAPE_FLAG,
];

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Stands in for a generic alert webhook (answers 200) and for a Slack that breaks every
 * connection after reading the message: berth's delivery-failure path runs, and logs.
 */
async function startReceiver(): Promise<{ server: Server; base: string; got: Received[] }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url?.startsWith('/services/')) req.socket.destroy();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function configYaml(net: { subnets: string[]; securityGroups: string[] }): string {
  return `apiVersion: berth/v1
kind: Config
metadata:
  name: sec-owner
spec:
  region: ${REGION}
  cluster: arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/etl
  namePrefix: ${PREFIX}
  scheduleGroup: ${GROUP}
  schedulerRoleArn: arn:aws:iam::${ACCOUNT}:role/berth-scheduler
  keepRevisions: 2
  prune:
    maxDeleteFraction: 1
  defaults:
    task:
      launchType: FARGATE
      cpu: 256
      memory: 512
      executionRoleArn: arn:aws:iam::${ACCOUNT}:role/exec
      taskRoleArn: arn:aws:iam::${ACCOUNT}:role/task
    network:
      subnets: [${net.subnets.join(', ')}]
      securityGroups: [${net.securityGroups.join(', ')}]
`;
}

function secretJob(token: string): string {
  return `apiVersion: berth/v1
kind: Job
metadata:
  name: a
spec:
  image: public.ecr.aws/docker/library/busybox:1.36
  command: [sh, -c, "echo a", "--db-password=${SHAPE_FLAG.value}"]
  environment:
    KEY_NOTE: ${SHAPE_AWS_KEY.value}
    GH_NOTE: ${SHAPE_GITHUB.value}
    CHAT_NOTE: ${SHAPE_SLACK.value}
    HOOK_NOTE: https://hooks.slack.com/services/TCNRY0000/BCNRY0000/${SHAPE_HOOK.value}
    CERT_NOTE: "-----BEGIN PRIVATE KEY-----\\n${SHAPE_KEY.value}\\n-----END PRIVATE KEY-----"
    API_TOKEN: "${token}"
    DATABASE_URL: "postgres://etl:${encodeURIComponent(ENV_DBURL.value)}@db.internal:5432/etl"
    NOTES: "${PUBLIC.value}"
  secrets:
    DB_PASSWORD: arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:etl/${SECRET_ARN.value}-AbCdEf
  schedule:
    expression: cron(0 3 * * ? *)
    timezone: UTC
  run:
    environment:
      RUN_TOKEN: "${RUN_TOKEN.value}"
`;
}

function plainJob(name: string): string {
  return `apiVersion: berth/v1
kind: Job
metadata:
  name: ${name}
spec:
  image: public.ecr.aws/docker/library/busybox:1.36
  command: [sh, -c, "echo ${name}"]
  schedule:
    expression: cron(0 4 * * ? *)
    timezone: UTC
`;
}

// Two broken files in one commit: a secret-named value of the wrong type, and a YAML syntax
// error on the line of a secret (parser messages like to quote the source line).
const BAD_TYPE = plainJob('c').replace(
  '  schedule:',
  `  environment:\n    SECRET_KEY: ["${BAD_VALUE.value}"]\n  schedule:`,
);
const BAD_SYNTAX = plainJob('d').replace(
  '  schedule:',
  `  environment:\n    PASSWORD: "${BAD_YAML.value}\n  schedule:`,
);

let proxy: CountingProxy;
let remote: GitRemote;
let git: GitHttpServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let tmp: string;
const artifacts: Artifact[] = [];
const running: RunningCli[] = [];

function collect(name: string, r: CliResult): CliResult {
  artifacts.push({ name: `${name}:stdout`, text: r.stdout }, { name: `${name}:stderr`, text: r.stderr });
  return r;
}

async function httpArtifact(name: string, url: string): Promise<string> {
  const res = await fetch(url);
  const text = await res.text();
  artifacts.push({ name, text: `${res.status} ${JSON.stringify([...res.headers])}\n${text}` });
  return text;
}

function logLines(out: string): { msg: string; level: string }[] {
  return out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg: string; level: string });
}

beforeAll(async () => {
  expect(existsSync(BERTH_BIN), 'run `npm run build` first').toBe(true);
  await resetEmulator();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'berth-secrets-'));
  proxy = await startCountingProxy(emulatorEnv().AWS_ENDPOINT_URL!);
  receiver = await startReceiver();
  remote = await GitRemote.create();
  git = await GitHttpServer.start(remote.root, 'berth', GIT.value);
});

afterAll(async () => {
  for (const r of running) r.child.kill('SIGKILL');
  await git?.close();
  await new Promise<void>((r) => receiver?.server.close(() => r()));
  await proxy?.close();
  await remote?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('secrets never leave their place', () => {
  it('no canary in logs, APIs, metrics, alerts, plans, reports, cache or work directories', async () => {
    const started = Date.now();
    const phases: string[] = [];
    let mark = started;
    const phase = (name: string) => {
      phases.push(`${name} ${((Date.now() - mark) / 1000).toFixed(1)}s`);
      if (process.env.BERTH_TEST_PHASES) console.log(phases.at(-1));
      mark = Date.now();
    };
    await createCluster('etl');
    const net = {
      subnets: (await defaultSubnets()).slice(0, 2),
      securityGroups: [await createSecurityGroup('etl')],
    };
    await remote.commit({
      'berth.yaml': configYaml(net),
      'jobs/a.yaml': secretJob(ENV_TOKEN.value),
      'jobs/b.yaml': plainJob('b'),
    });

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const workdir = path.join(tmp, 'workdir');
    const cacheDir = path.join(tmp, 'cache');
    const awsEnv = {
      ...emulatorEnv(proxy.url),
      AWS_SECRET_ACCESS_KEY: AWS_SECRET.value,
      AWS_SESSION_TOKEN: AWS_TOKEN.value,
    };
    const slackUrl = `${receiver.base}/services/T000/B000/${SLACK.value}`;
    const alertUrl = `${receiver.base}/hooks/berth?token=${encodeURIComponent(ALERT_URL.value)}`;
    const controllerEnv = {
      ...awsEnv,
      BERTH_REPO_URL: git.url('remote.git'),
      BERTH_WORKDIR: workdir,
      BERTH_LISTEN: `127.0.0.1:${port}`,
      BERTH_INTERVAL: '1s',
      BERTH_RESYNC: '2s',
      BERTH_LOG_LEVEL: 'debug',
      BERTH_WEBHOOK_SECRET: HOOK_SECRET.value,
      BERTH_ALERT_WEBHOOK_SECRET: ALERT_SECRET.value,
      BERTH_SLACK_WEBHOOK_URL: slackUrl,
      BERTH_ALERT_WEBHOOK_URL: alertUrl,
    };
    const status = async () =>
      (await (await fetch(`${base}/api/status`)).json()) as {
        ready: boolean;
        reconciledRevision: string | null;
        invalid: { revision: string } | null;
        sourceError: { message: string } | null;
        jobs: { job: string; status: string }[];
      };

    // 1. The controller applies the repository, read over an authenticated git remote.
    const first = startBerth(['controller', '--shutdown-timeout', '5s'], controllerEnv);
    running.push(first);
    let firstOut = '';
    first.child.stdout?.on('data', (c: Buffer) => (firstOut += c.toString()));
    await waitFor('first sync', async () => {
      const s = await status();
      return s.ready && s.jobs.every((j) => j.status === 'InSync') && s.jobs.length === 2 ? s : undefined;
    });

    phase('first-sync');
    // 2. Drift: someone edits the schedule's run override (a secret) and its time in the console.
    const { scheduler } = rawClients();
    const live = await scheduler.send(new GetScheduleCommand({ GroupName: GROUP, Name: `${PREFIX}a` }));
    const input = JSON.parse(live.Target!.Input!) as {
      containerOverrides: { environment?: { name: string; value: string }[] }[];
    };
    for (const o of input.containerOverrides)
      for (const e of o.environment ?? []) if (e.name === 'RUN_TOKEN') e.value = LIVE_TOKEN.value;
    await scheduler.send(
      new UpdateScheduleCommand({
        Name: `${PREFIX}a`,
        GroupName: GROUP,
        ScheduleExpression: 'cron(0 7 * * ? *)',
        ScheduleExpressionTimezone: live.ScheduleExpressionTimezone,
        FlexibleTimeWindow: live.FlexibleTimeWindow,
        Target: { ...live.Target!, Input: JSON.stringify(input) },
        State: live.State,
      }),
    );
    const alertBodies = () => receiver.got.map((g) => g.body).join('\n');
    await waitFor('drift alerts', async () =>
      receiver.got.filter((g) => g.body.includes('drift-detected')).length >= 1 &&
      receiver.got.some((g) => g.path.startsWith('/services/') && g.body.includes('Drift in a'))
        ? true
        : undefined,
    );

    phase('drift');
    // 3. A bad commit, announced by a signed GitHub push whose body carries a secret.
    const badSha = await remote.commit({ 'jobs/c.yaml': BAD_TYPE, 'jobs/d.yaml': BAD_SYNTAX }, 'broken');
    const delivery = JSON.stringify({
      ref: 'refs/heads/main',
      after: badSha,
      head_commit: { message: `rotate ${HOOK_BODY.value}` },
    });
    const sig = `sha256=${createHmac('sha256', HOOK_SECRET.value).update(delivery).digest('hex')}`;
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/webhook/github`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', ...headers },
        body: delivery,
      });
    const unsigned = await post({ 'x-github-delivery': 'd-unsigned' });
    expect(unsigned.status).toBe(401);
    artifacts.push({ name: 'webhook-401', text: await unsigned.text() });
    const signed = await post({ 'x-hub-signature-256': sig, 'x-github-delivery': 'd-signed' });
    expect(signed.status).toBe(202);
    artifacts.push({ name: 'webhook-202', text: await signed.text() });
    await waitFor('invalid revision', async () =>
      (await status()).invalid?.revision === badSha ? true : undefined,
    );
    await waitFor('invalid-commit alert', async () =>
      alertBodies().includes('invalid-commit') ? true : undefined,
    );

    phase('bad-commit');
    // 4. The git credential stops working (rotated): the error path quotes the URL.
    git.password = 'rotated-elsewhere';
    await waitFor('git auth failure', async () => ((await status()).sourceError ? true : undefined));
    git.password = GIT.value;
    const fixSha = await remote.commit({ 'jobs/c.yaml': null, 'jobs/d.yaml': null }, 'fix');
    await waitFor('recovery', async () => {
      const s = await status();
      return s.reconciledRevision === fixSha && !s.sourceError && !s.invalid ? s : undefined;
    });

    phase('git-auth');
    for (const [name, p] of [
      ['api-status', '/api/status'],
      ['api-drift-json', '/api/drift'],
      ['api-drift-text', '/api/drift?format=text'],
      ['api-drift-markdown', '/api/drift?format=markdown'],
      ['metrics', '/metrics'],
      ['readyz', '/readyz'],
      ['healthz', '/healthz'],
    ] as const)
      await httpArtifact(name, `${base}${p}`);
    expect(
      JSON.parse(
        artifacts
          .find((a) => a.name === 'api-drift-json')!
          .text.split('\n')
          .slice(1)
          .join('\n'),
      ),
    ).toMatchObject({ drifted: 1 });

    // Slack broke every connection: the failure path has run (and logged) by now.
    await waitFor('slack delivery failure', async () =>
      firstOut.includes('alert delivery failed') ? true : undefined,
    );
    first.child.kill('SIGTERM');
    const firstDone = collect('controller', await first.done);
    expect(firstDone.code).toBe(0);
    const events = logLines(firstDone.stdout).map((l) => l.msg);
    expect(events).toEqual(
      expect.arrayContaining([
        'drift detected',
        'invalid revision: not applied',
        'source unavailable',
        'webhook refused',
        'alert delivery failed',
      ]),
    );
    phase('stop');
    const controllerSeconds = (Date.now() - started) / 1000;

    // 5. Every CLI command, in a clone of the repository, with the same AWS environment.
    // Commands that do not depend on each other run side by side (they share only the cache,
    // which is written atomically).
    const repo = path.join(remote.root, 'work');
    const cli = async (name: string, args: string[], code: number) => {
      const r = collect(name, await runBerth(args, { ...awsEnv, BERTH_CACHE_DIR: cacheDir }, repo));
      expect(r.code, `${name}: ${r.stderr}`).toBe(code);
      return r;
    };
    const [validate, render] = await Promise.all([
      cli('validate', ['validate'], 0),
      cli('render', ['render'], 0),
      cli('validate-json', ['validate', '-o', 'json'], 0),
      cli('drift', ['drift'], 2),
      cli('drift-json', ['drift', '-o', 'json'], 2),
    ]);
    expect(validate.stdout).toContain('secrets/plaintext');
    // One secrets/shape warning per shaped value, naming its kind, never the value.
    expect(validate.stdout.match(/\[secrets\/shape\]/g)).toHaveLength(6);
    phase('cli-read');

    // A change under review: the secret rotates, b goes, e arrives.
    await writeFile(path.join(repo, 'jobs', 'a.yaml'), secretJob(ENV_TOKEN2.value));
    await rm(path.join(repo, 'jobs', 'b.yaml'));
    await writeFile(path.join(repo, 'jobs', 'e.yaml'), plainJob('e'));
    const [plan, planJson] = await Promise.all([
      cli('plan', ['plan', '--detailed-exitcode'], 2),
      cli('plan-json', ['plan', '-o', 'json'], 0),
      cli('plan-markdown', ['plan', '-o', 'markdown'], 0),
    ]);
    const planFile = path.join(tmp, 'plan.json');
    await writeFile(planFile, planJson.stdout);
    await Promise.all([
      cli('diff', ['diff', '--base', 'HEAD'], 0),
      cli('diff-markdown', ['diff', '--base', 'HEAD', '-o', 'markdown'], 0),
      cli('pr-report', ['pr-report', '--base', 'HEAD'], 0),
    ]);
    await cli('apply', ['apply', planFile], 0);
    await cli('apply-json', ['apply', '--auto-approve', '-o', 'json'], 0);

    phase('cli-write');
    // 7. Files berth left behind: the saved plan, the live-state cache, the controller's clone.
    artifacts.push({ name: 'plan-file', text: await readFile(planFile, 'utf8') });
    const cacheFiles = await fileArtifacts(cacheDir, 'cache');
    expect(cacheFiles.length).toBeGreaterThan(0);
    for (const f of cacheFiles) {
      if (!f.name.endsWith('.json')) continue;
      expect((await stat(path.join(cacheDir, f.name.slice('cache/'.length)))).mode & 0o077).toBe(0);
    }
    artifacts.push(...cacheFiles);
    artifacts.push(...(await fileArtifacts(workdir, 'repo')));
    artifacts.push(
      ...receiver.got.map((g, i) => ({
        name: `alert-${i}${g.path.startsWith('/services/') ? '-slack' : '-webhook'}`,
        text: `${JSON.stringify(g.headers)}\n${g.body}`,
      })),
    );

    // The scenario really used every secret: otherwise "not found" would prove nothing.
    expect(git.refused).toBeGreaterThan(0);
    const hooks = receiver.got.filter((g) => g.path.startsWith('/hooks/'));
    expect(hooks.length).toBeGreaterThan(0);
    for (const h of hooks) {
      expect(h.path).toContain(encodeURIComponent(ALERT_URL.value));
      const want = `sha256=${createHmac('sha256', ALERT_SECRET.value).update(h.body).digest('hex')}`;
      expect(h.headers['x-berth-signature-256']).toBe(want);
    }
    expect(receiver.got.filter((g) => g.path.includes(SLACK.value)).length).toBeGreaterThan(0);
    expect(alertBodies()).toContain('invalid-commit');
    // The drifted secret was reported, masked: not left out.
    const driftAlert = receiver.got.find(
      (g) => g.path.startsWith('/hooks/') && g.body.includes('drift-detected'),
    );
    expect(driftAlert?.body).toMatch(/RUN_TOKEN: git \\"\(sensitive\)\\", AWS \\"\(sensitive\)\\"/);
    // Masking is visible where the value would have been.
    expect(render.stdout).toContain('(sensitive)');
    expect(plan.stdout).toContain('(sensitive)');
    // The boundary: an ordinary env value and a secret's ARN are shown by design.
    expect(render.stdout).toContain(PUBLIC.value);
    expect(render.stdout).toContain(SECRET_ARN.value);
    // berth never reads a secret's value, it only passes the reference on.
    const ops = Object.keys(proxy.counts());
    expect(ops.filter((o) => /GetSecretValue|GetParameter|Decrypt/.test(o))).toEqual([]);

    const findings = scan(artifacts, FORBIDDEN);
    const bytes = artifacts.reduce((n, a) => n + a.text.length, 0);
    console.log(
      `[figures] secrets-scan: ${FORBIDDEN.length} canaries x ${encodedForms(GIT.value).length} encodings x ${artifacts.length} artifacts ` +
        `(${Math.round(bytes / 1024)} KiB: ${artifacts.filter((a) => a.name.endsWith(':stdout')).length} process outputs, ` +
        `${receiver.got.length} alert deliveries, ${cacheFiles.length} cache files), ` +
        `${proxy.total()} AWS requests, leaks ${findings.length}; controller phase ${controllerSeconds.toFixed(1)} s, ` +
        `total ${((Date.now() - started) / 1000).toFixed(1)} s (${phases.join(', ')})`,
    );
    expect(findings).toEqual([]);
  });
});
