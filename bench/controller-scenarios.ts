// Scenarios 4 and 5 on `berth controller` (git source through a file:// URL, report-only for
// drift): the cost of a resync, the resync that detects one out-of-band change among N, and the
// controller's memory over several cycles. Cycles are read from its JSON log ('cycle' lines);
// AWS calls per cycle are the proxy's counts between two consecutive cycle lines.
import { berthEnv, listingSizes, tempDir, type BenchContext } from './context.js';
import { editScheduleOutOfBand } from './direct-aws.js';
import { ControllerProcess, type LogLine } from './controller-process.js';
import { awsEquivalent } from './aws-equivalent.js';
import type { Sample } from './measure.js';
import { summarise, type ScenarioResult } from './results.js';
import { diffCounts } from './stats.js';
import { GROUP, PREFIX } from './workload.js';
import { ms } from './berth-scenarios.js';
import { berthCli } from './measure.js';
import { parseDuration } from '../src/run/duration.js';
import { containerMiBFor, imageNodeOptions } from './image-node-options.js';

export interface ControllerOptions {
  runs: number;
  /** --resync of the controller (longer than a warm cycle, so cycles never queue up). */
  resync: string;
  /** Cycles per run, start-up included. */
  cycles: number;
}

const isCycle = (l: LogLine) => l.msg === 'cycle';

export async function controllerScenarios(
  ctx: BenchContext,
  o: ControllerOptions,
): Promise<ScenarioResult[]> {
  const startup: Sample[] = [];
  const resync: Sample[] = [];
  const detect: Sample[] = [];
  const memory: Sample[] = [];
  let victim = 0;
  const containerMiB = containerMiBFor(ctx.jobs);
  const nodeOptions = await imageNodeOptions(ctx.root, containerMiB);

  for (let run = 1; run <= o.runs; run++) {
    // Each run starts in sync: the schedules the previous run edited are put back (uncounted).
    if (run > 1) await healAll(ctx);
    const workdir = await tempDir(ctx, 'controller');
    const args = ['--repo', ctx.repo.url, '--branch', 'main', '--workdir', workdir, '--resync', o.resync];
    args.push('--interval', '1h', '--listen', '127.0.0.1:0', '--no-self-heal', '--log-level', 'info');
    ctx.proxy.reset();
    const proc = ControllerProcess.start(args, { ...berthEnv(ctx), NODE_OPTIONS: nodeOptions });
    try {
      const sizes = await listingSizes(ctx);
      let prev: Record<string, number> = {};
      let prevCpu = 0;
      let from = 0;
      const nextCycle = async (timeoutMs: number) => {
        const c = await proc.waitFor(isCycle, from, timeoutMs);
        from = c.index + 1;
        const now = ctx.proxy.counts();
        const calls = diffCounts(prev, now);
        prev = now;
        const cpu = await proc.cpuMs();
        const cpuMs = cpu - prevCpu;
        prevCpu = cpu;
        // Out-of-band edits stay reported (--no-self-heal): those cycles end out-of-sync, truthfully.
        if (c.line.outcome !== 'synced' && c.line.outcome !== 'out-of-sync')
          throw new Error(`controller cycle ${String(c.line.outcome)}: ${String(c.line.error)}`);
        return { c, calls, cpuMs, cycleMs: Number(c.line.durationMs) };
      };

      const first = await nextCycle(30 * 60_000);
      const afterStartup = await proc.memory();
      startup.push({
        wallMs: first.c.at - proc.startedAt,
        calls: first.calls,
        awsEq: awsEquivalent(first.calls, sizes),
        extra: { cycleMs: first.cycleMs, rssMb: afterStartup.rssMb, cpuMs: first.cpuMs },
      });
      ctx.log(
        `  controller run ${run}: first cycle after ${ms(first.c.at - proc.startedAt)} (${ms(first.cycleMs)} cycle)`,
      );

      // A cycle every resync: far longer than that means it will not come.
      const waitMs = Math.max(120_000, 20 * parseDuration(o.resync));
      for (let cycle = 2; cycle <= o.cycles; cycle++) {
        // Every other cycle follows an out-of-band edit made right after the previous cycle ended.
        const edit = cycle % 2 === 1 && cycle < o.cycles;
        if (!edit) {
          const r = await nextCycle(waitMs);
          resync.push({
            wallMs: r.cycleMs,
            calls: r.calls,
            awsEq: awsEquivalent(r.calls, sizes),
            extra: { cpuMs: r.cpuMs },
          });
          continue;
        }
        const job = ctx.repo.jobs[(victim++ * 53 + 11) % ctx.repo.jobs.length]!;
        await editScheduleOutOfBand(ctx.aws, GROUP, `${PREFIX}${job.name}`);
        const t0 = performance.now();
        const seen = await proc.waitFor(
          (l) => l.msg === 'drift detected' && l.job === job.name,
          from,
          waitMs,
        );
        const r = await nextCycle(waitMs);
        detect.push({
          wallMs: r.cycleMs,
          calls: r.calls,
          awsEq: awsEquivalent(r.calls, sizes),
          extra: { detectedAfterMs: seen.at - t0, cpuMs: r.cpuMs },
        });
        ctx.log(
          `  controller run ${run}: drift on ${job.name} detected ${ms(seen.at - t0)} after the edit (cycle ${ms(r.cycleMs)})`,
        );
      }
      const end = await proc.memory();
      memory.push({
        wallMs: performance.now() - proc.startedAt,
        calls: ctx.proxy.counts(),
        awsEq: awsEquivalent(ctx.proxy.counts(), sizes),
        extra: {
          cpuMs: await proc.cpuMs(),
          peakRssMb: end.peakMb,
          rssAfterStartupMb: afterStartup.rssMb,
          rssEndMb: end.rssMb,
          cycles: o.cycles,
        },
      });
      ctx.log(`  controller run ${run}: peak RSS ${end.peakMb.toFixed(1)} MiB over ${o.cycles} cycles`);
    } finally {
      await proc.stop();
    }
  }

  const base = { jobs: ctx.jobs, tool: 'berth' as const, variant: 'default-limits' };
  const cmd = `NODE_OPTIONS='${nodeOptions}' berth controller --repo file://… --resync ${o.resync} --no-self-heal`;
  return [
    summarise(
      {
        ...base,
        scenario: 'controller-startup',
        command: cmd,
        notes: ['wall = process start to the end of the first cycle (clone, validate, cold read of N)'],
      },
      startup,
    ),
    summarise(
      {
        ...base,
        scenario: 'controller-resync',
        command: cmd,
        notes: ['wall = the cycle’s own duration (its log line)'],
      },
      resync,
    ),
    summarise(
      {
        ...base,
        scenario: 'controller-detect',
        command: cmd,
        notes: [
          'one schedule edited out of band right after a cycle; wall = the detecting cycle’s duration',
          `detectedAfterMs = edit to "drift detected" log line: mostly the wait for the next resync (${o.resync} ±10%)`,
        ],
      },
      detect,
    ),
    summarise(
      {
        ...base,
        scenario: 'controller-rss',
        command: cmd,
        notes: [
          `peak RSS (VmHWM) of the controller process over ${o.cycles} cycles; wall = the whole run`,
          `Node runs as the image starts it in a ${containerMiB} MiB container (scripts/container-start.sh: NODE_OPTIONS=${nodeOptions})`,
        ],
      },
      memory,
    ),
  ];
}

async function healAll(ctx: BenchContext): Promise<void> {
  const cache = await tempDir(ctx, 'cache');
  const r = await berthCli(
    ['-C', ctx.repo.dir, 'apply', '--auto-approve', '--cache-dir', cache],
    berthEnv(ctx, 'raised-limits'),
  );
  if (r.code !== 0) throw new Error(`putting the edited schedules back failed: ${r.stderr.slice(-400)}`);
}
