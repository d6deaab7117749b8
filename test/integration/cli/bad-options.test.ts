// Every option and variable is checked before berth reads AWS: a bad one stops the command with
// one line naming it (plus a hint), exit 1, no stack trace, and zero requests reach AWS (counted
// by a proxy in front of the emulator). Then the same property over generated command lines
// (fast-check, fixed seed), and arbitrary argument soup that must never crash berth.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBerth, type CliResult } from '../../support/berth-cli.js';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy.js';
import { emulatorEnv } from '../../support/emulator.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

const SEED = 20260815;
let proxy: CountingProxy;
let repo: TestRepo;

const berth = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
  runBerth(['-C', repo.dir, ...args], { ...emulatorEnv(proxy.url), ...env });

/** The one form: "berth: …" naming the problem, optionally "  hint: …"; nothing else. */
function expectOneLineError(r: CliResult, what: string): void {
  expect(r.code, `${what}: exit code\n${r.stderr}`).toBe(1);
  const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('berth: warning'));
  expect(lines[0], what).toMatch(/^berth: \S/);
  expect(lines.length, `${what}: ${r.stderr}`).toBeLessThanOrEqual(2);
  if (lines[1] !== undefined) expect(lines[1], what).toMatch(/^ {2}hint: /);
  expect(r.stderr, what).not.toMatch(/\n\s+at |internal error/);
}

beforeAll(async () => {
  proxy = await startCountingProxy(emulatorEnv().AWS_ENDPOINT_URL!);
  repo = await TestRepo.create(
    configYaml({ network: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] } }),
    { 'a.yaml': jobYaml('a') },
  );
  await repo.write('dir/.keep', '');
});

afterAll(async () => {
  await proxy?.close();
  await repo?.dispose();
});

beforeEach(() => proxy.reset());

describe('bad options and variables (the cases the issue names)', () => {
  const cases: [string, string[], Record<string, string>?][] = [
    ['apply -o yaml --auto-approve', ['apply', '-o', 'yaml', '--auto-approve']],
    ['plan -o xml', ['plan', '-o', 'xml']],
    ['plan -o table', ['plan', '-o', 'table']],
    ['apply --concurrency abc', ['apply', '--concurrency', 'abc', '--auto-approve']],
    ['apply --concurrency -3', ['apply', '--concurrency', '-3', '--auto-approve']],
    ['BERTH_CONCURRENCY=abc', ['plan'], { BERTH_CONCURRENCY: 'abc' }],
    ['BERTH_MAX_ATTEMPTS=-1', ['plan'], { BERTH_MAX_ATTEMPTS: '-1' }],
    ['BERTH_REGION=nowhere', ['plan'], { BERTH_REGION: 'nowhere' }],
    ['iam-policy --account-id abc', ['iam-policy', '--account-id', 'abc']],
    ['iam-policy --lock-table arn:aws:s3:::x', ['iam-policy', '--lock-table', 'arn:aws:s3:::x']],
    ['apply --lock-table arn:aws:s3:::x', ['apply', '--lock-table', 'arn:aws:s3:::x', '--auto-approve']],
    ['apply plan.jsn (ENOENT)', ['apply', 'plan.jsn', '--auto-approve']],
    ['apply DIR (EISDIR)', ['apply', 'dir', '--auto-approve']],
    ['apply /dev/zero', ['apply', '/dev/zero', '--auto-approve']],
    ['drift --from not a url', ['drift', '--from', 'not a url']],
    ['drift --from file:///etc/passwd', ['drift', '--from', 'file:///etc/passwd']],
    ['plan --cache-dir /etc/passwd', ['plan', '--cache-dir', '/etc/passwd']],
    ['run a --account-id 12', ['run', 'a', '--account-id', '12']],
    [
      'backfill -c 0',
      ['backfill', 'a', '--from', '2024-01-01', '--to', '2024-02-01', '--every', '1 day', '-c', '0'],
    ],
    ['run --timeout soon', ['run', 'a', '--timeout', 'soon']],
    ['controller --interval x', ['controller', '--once', '--interval', 'x']],
    ['runs -n abc', ['runs', '-n', 'abc']],
    ['runs -n -3', ['runs', '-n', '-3']],
    ['runs --limit 1.5', ['runs', '--limit', '1.5']],
    // Number() took these as 16 and 100: only plain whole numbers are counts.
    ['runs -n 0x10', ['runs', '-n', '0x10']],
    ['schedule -n 1e2', ['schedule', '-n', '1e2']],
    ['schedule -n abc', ['schedule', '-n', 'abc']],
    ['schedule -n -3', ['schedule', '-n', '-3']],
    ['schedule --count 1001', ['schedule', '--count', '1001']],
    // Only the controller takes several environments; apply must not quietly take the last one.
    ['--env dev --env prod apply', ['--env', 'dev', '--env', 'prod', 'apply', '--auto-approve']],
  ];

  it.each(cases)('%s: one line, exit 1, no AWS call', async (name, args, env) => {
    const r = await berth(args, env);
    expectOneLineError(r, name);
    expect(proxy.total(), `${name}: AWS calls ${JSON.stringify(proxy.counts())}`).toBe(0);
  });

  it('refuses a --region or BERTH_REGION that contradicts spec.region, before any AWS call', async () => {
    for (const [args, env] of [
      [['plan', '--region', 'eu-west-1'], {}],
      [['apply', '--auto-approve'], { BERTH_REGION: 'eu-west-1' }],
    ] as const) {
      const r = await berth([...args], env);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(
        /--region\/BERTH_REGION is eu-west-1, but spec.region says us-east-1 {2}\[render\/region-conflict\]/,
      );
      // A stack frame ("at fn (file:line:col)"), not the diagnostic's "at /spec/region" pointer line.
      expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
      expect(r.stderr).not.toContain('node:internal');
      expect(proxy.total()).toBe(0);
    }
  });

  it('prints the account and region at the top of every plan', async () => {
    const text = await berth(['plan', '--no-cache']);
    expect(text.stdout.split('\n')[1]).toMatch(
      /^account 123456789012( \(from berth.yaml; nothing berth owns there yet\))?, region us-east-1$/,
    );
    const json = JSON.parse((await berth(['plan', '-o', 'json', '--no-cache'])).stdout) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({ region: 'us-east-1', account: '123456789012' });
    const md = (await berth(['plan', '-o', 'markdown', '--no-cache'])).stdout;
    expect(md).toMatch(/^Account `123456789012`.*, region `us-east-1`$/m);
  });

  it('reads BERTH_DIR when -C is not given', async () => {
    const r = await runBerth(['validate'], { BERTH_DIR: repo.dir }, '/');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/valid: 1 valid job in 1 file/);
  });

  it('keeps a password in drift --from out of every message', async () => {
    const r = await berth(['drift', '--from', 'http://admin:hunter2@127.0.0.1:1/']);
    expectOneLineError(r, 'drift --from with credentials');
    expect(r.stderr).not.toContain('hunter2');
  });
});

/** An option and a value, good or bad; the generator knows which. */
interface Part {
  args: string[];
  env: Record<string, string>;
  bad: boolean;
}
const part = (args: string[], bad: boolean, env: Record<string, string> = {}): Part => ({ args, env, bad });

const badInt = fc.constantFrom('abc', '-3', '0', '4x', '1e3', '2.5', '', ' 7', '0x10', '99999999999');
const goodInt = fc.integer({ min: 1, max: 8 }).map(String);
const junk = fc.string({ maxLength: 30 });

/** Options every AWS-reading command shares, and variables every command reads. */
const common = fc.oneof(
  goodInt.map((v) => part([], false, { BERTH_CONCURRENCY: v })),
  badInt.map((v) => part([], true, { BERTH_CONCURRENCY: v })),
  badInt.map((v) => part([], true, { BERTH_MAX_ATTEMPTS: v })),
  fc
    .constantFrom('eu west 1', 'US-EAST-1', 'mars-1', 'us-east-1;x')
    .map((v) => part([], true, { BERTH_REGION: v })),
  fc.constantFrom('fast', 'ecs=x', '*=-1').map((v) => part([], true, { BERTH_RATE_LIMITS: v })),
  fc.constantFrom('soon', '-1s', '0').map((v) => part([], true, { BERTH_REQUEST_TIMEOUT: v })),
  fc.constantFrom('us-east-1').map((v) => part(['--region', v], false)),
  fc
    .oneof(junk, fc.constantFrom('EU', 'us_east_1'))
    .filter((v) => !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(v))
    .map((v) => part(['--region', v], true)),
);

function outputs(good: string[]): fc.Arbitrary<Part> {
  return fc.oneof(
    fc.constantFrom(...good).map((v) => part(['-o', v], false)),
    fc
      .oneof(junk, fc.constantFrom('yaml', 'xml', 'table', 'JSON', 'text '))
      .filter((v) => !good.includes(v))
      .map((v) => part(['-o', v], true)),
  );
}

const COMMANDS: Record<string, { base: string[]; parts: fc.Arbitrary<Part> }> = {
  plan: { base: ['plan'], parts: fc.oneof(common, outputs(['text', 'json', 'markdown'])) },
  apply: {
    base: ['apply', '--auto-approve', '--no-lock'],
    parts: fc.oneof(
      common,
      outputs(['text', 'json']),
      goodInt.map((v) => part(['--concurrency', v], false)),
      badInt.map((v) => part(['--concurrency', v], true)),
      fc.constantFrom('soon', '-5s').map((v) => part(['--lock-timeout', v], true)),
      fc.constantFrom('plan.jsn', 'dir', '/dev/zero', '/etc/passwd').map((v) => part([v], true)),
    ),
  },
  drift: {
    base: ['drift'],
    parts: fc.oneof(
      common,
      outputs(['text', 'json', 'markdown']),
      fc
        .oneof(
          junk.filter((s) => !/^https?:/i.test(s)),
          fc.constantFrom('file:///etc/passwd', 'ftp://x', 'http://['),
        )
        .map((v) => part(['--from', v], true)),
    ),
  },
  run: {
    base: ['run', 'a'],
    parts: fc.oneof(
      common,
      outputs(['text', 'json']),
      fc.constantFrom('12', 'abc', '1234567890123').map((v) => part(['--account-id', v], true)),
      fc.constantFrom('soon', '-1m').map((v) => part(['--timeout', v], true)),
      fc.constantFrom('NOEQUALS', '=x').map((v) => part(['-e', v], true)),
    ),
  },
  backfill: {
    base: ['backfill', 'a', '--from', '2024-01-01', '--to', '2024-01-03', '--every', '1 day', '--dry-run'],
    parts: fc.oneof(
      common,
      outputs(['text', 'json']),
      badInt.map((v) => part(['-c', v], true)),
      fc.constantFrom('fortnight', '-1 day').map((v) => part(['--every', v], true)),
    ),
  },
  verify: { base: ['verify'], parts: fc.oneof(common, outputs(['text', 'json'])) },
  'lock status': {
    base: ['lock', 'status'],
    parts: fc.oneof(
      common,
      outputs(['text', 'json']),
      fc.constantFrom('arn:aws:s3:::x', 'a', 'has space').map((v) => part(['--lock-table', v], true)),
    ),
  },
};

const invocation = fc
  .constantFrom(...Object.keys(COMMANDS))
  .chain((name) =>
    fc.tuple(fc.constant(name), fc.array(COMMANDS[name]!.parts, { minLength: 1, maxLength: 3 })),
  )
  .filter(([, parts]) => parts.some((p) => p.bad));

describe('generated command lines (fast-check)', () => {
  it('refuses every one with a bad option or variable in one line, before any AWS call', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(invocation, async ([name, parts]) => {
        runs++;
        proxy.reset();
        const args = [...COMMANDS[name]!.base, ...parts.flatMap((p) => p.args)];
        const env = Object.assign({}, ...parts.map((p) => p.env)) as Record<string, string>;
        const r = await berth(args, env);
        const what = `${JSON.stringify(args)} ${JSON.stringify(env)}`;
        expectOneLineError(r, what);
        expect(proxy.total(), `${what}: AWS calls`).toBe(0);
      }),
      { seed: SEED, numRuns: 50, endOnFailure: true },
    );
    console.log(
      `[figures] cli-options-fuzz: ${runs} bad command lines (seed ${SEED}): all refused in one line, 0 AWS calls, 0 stack traces`,
    );
  });

  it('never crashes on argument soup', async () => {
    const token = fc.oneof(
      fc.constantFrom(
        '-o',
        '--output',
        '-t',
        '--target',
        '-C',
        '--region',
        '--concurrency',
        '--from',
        '--',
        '-',
        '--no-cache',
        '--stats',
        '-e',
        '--help',
        'a',
        'json',
      ),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/\0/g, '')),
    );
    const soup = fc.tuple(
      fc.constantFrom(
        'validate',
        'render',
        'plan',
        'diff',
        'drift',
        'iam-policy',
        'verify',
        'lock',
        'bogus',
        '--bogus',
      ),
      fc.array(token, { maxLength: 5 }),
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(soup, async ([cmd, rest]) => {
        runs++;
        // AWS is a closed port here: a command line that happens to be valid fails fast.
        const r = await berth([cmd, ...rest], {
          AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
          BERTH_MAX_ATTEMPTS: '1',
        });
        const what = JSON.stringify([cmd, ...rest]);
        expect([0, 1, 2], `${what}: ${r.stderr}`).toContain(r.code);
        expect(r.stderr, what).not.toMatch(/\n\s+at |internal error/);
        // eslint-disable-next-line no-control-regex
        expect(r.stderr, `${what}: raw control characters`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      }),
      { seed: SEED + 1, numRuns: 40, endOnFailure: true },
    );
    console.log(
      `[figures] cli-soup-fuzz: ${runs} command lines (seed ${SEED + 1}): 0 crashes, 0 stack traces`,
    );
  });
});
