// Command-line options of the benchmark runner (`npm run bench -- --jobs 1000`).
import { parseArgs } from 'node:util';
import { AWS_MODES, type AwsMode } from './results.js';

export const SCENARIOS = [
  'first-apply',
  'first-apply-default',
  'cold-plan',
  'warm-plan',
  'change-schedule',
  'change-image',
  'controller',
  'plan-phases',
  'change-targeted',
  'noop-cost',
  'validate',
  'peer',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  jobs: number[];
  reps: number;
  /** Repetitions of the slow scenarios (rate-limited first apply, ecschedule's apply). */
  slowReps: number;
  controllerRuns: number;
  /** Controller --resync; by default 2s up to 100 jobs, 5s above. */
  resync?: string;
  cycles: number;
  scenarios: Set<ScenarioName>;
  /** Emulator as it is, and/or behind the realistic-AWS proxy (see results.ts AwsMode). */
  modes: AwsMode[];
  /** An emulator already running (its state is reset!); otherwise one is started. */
  endpoint?: string;
  /** Where results.json and RESULTS.md go. */
  out: string;
  installPeer: boolean;
  quiet: boolean;
  /** Only render RESULTS.md from results.json. */
  reportOnly: boolean;
  /** noop-cost rows as keepRevisions:foreign pairs (default: noop-cost.ts NOOP_VARIANTS). */
  noopVariants?: { keepRevisions: number; foreign: number }[];
}

export const USAGE = `usage: npm run bench -- [options]
  --jobs N[,N…]          job counts (default 10,100,1000)
  --reps K               repetitions of each scenario (default 5)
  --slow-reps K          repetitions of the slow ones: rate-limited first apply, ecschedule apply (default: --reps)
  --controller-runs K    controller processes per job count (default: --reps)
  --cycles K             controller cycles per run, start-up included (default 8)
  --resync D             controller --resync (default 2s up to 100 jobs, 5s above)
  --scenarios a,b        subset of: ${SCENARIOS.join(', ')}
  --aws m,m              emulator (as it is) and/or realistic (30-100 ms a call, documented quotas,
                         paged listings); default both, each job count measured in both in one run
  --endpoint URL         use this emulator (it is reset) instead of starting one
  --out DIR              where results.json and RESULTS.md go (default bench/)
  --install-peer         go install the pinned ecschedule when it is missing
  --report-only          only render RESULTS.md from results.json (and ANALYSIS.md)
  --noop-variants k:f,…  noop-cost rows: keepRevisions:foreign task definitions (default 1:0,3:0,10:0,1:2000,3:2000,10:2000)
  --quiet                no progress lines`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      jobs: { type: 'string', default: '10,100,1000' },
      reps: { type: 'string', default: '5' },
      'slow-reps': { type: 'string' },
      'controller-runs': { type: 'string' },
      cycles: { type: 'string', default: '8' },
      resync: { type: 'string' },
      scenarios: { type: 'string' },
      aws: { type: 'string', default: AWS_MODES.join(',') },
      endpoint: { type: 'string' },
      out: { type: 'string', default: 'bench' },
      'install-peer': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'report-only': { type: 'boolean', default: false },
      'noop-variants': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new UsageError(USAGE);
  const reps = positive(values.reps, '--reps');
  const scenarios = new Set<ScenarioName>();
  for (const s of (values.scenarios ?? SCENARIOS.join(',')).split(',').map((x) => x.trim())) {
    if (!(SCENARIOS as readonly string[]).includes(s))
      throw new UsageError(`unknown scenario "${s}"\n${USAGE}`);
    scenarios.add(s as ScenarioName);
  }
  const modes = values.aws.split(',').map((m) => m.trim());
  for (const m of modes)
    if (!(AWS_MODES as readonly string[]).includes(m))
      throw new UsageError(`unknown --aws mode "${m}"\n${USAGE}`);
  return {
    modes: modes as AwsMode[],
    jobs: values.jobs.split(',').map((j) => positive(j, '--jobs')),
    reps,
    slowReps: values['slow-reps'] ? positive(values['slow-reps'], '--slow-reps') : reps,
    controllerRuns: values['controller-runs']
      ? positive(values['controller-runs'], '--controller-runs')
      : reps,
    ...(values.resync ? { resync: values.resync } : {}),
    cycles: Math.max(4, positive(values.cycles, '--cycles')),
    scenarios,
    ...(values['noop-variants'] ? { noopVariants: noopVariants(values['noop-variants']) } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    out: values.out,
    installPeer: values['install-peer'],
    quiet: values.quiet,
    reportOnly: values['report-only'],
  };
}

export class UsageError extends Error {}

function positive(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag}: "${v}" is not a positive integer\n${USAGE}`);
  return n;
}

function noopVariants(text: string): { keepRevisions: number; foreign: number }[] {
  return text.split(',').map((pair) => {
    const [k = '', f = ''] = pair.trim().split(':');
    if (!/^\d+$/.test(f))
      throw new UsageError(`--noop-variants "${pair}" is not keepRevisions:foreign\n${USAGE}`);
    return { keepRevisions: positive(k, '--noop-variants'), foreign: Number(f) };
  });
}
