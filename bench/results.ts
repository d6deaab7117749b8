// The benchmark's results: per (jobs, tool, scenario, variant) the raw samples and their summary.
// results.json accumulates runs: a new run of the same key replaces the old one, so the slow
// scenarios can be measured in a separate invocation and merged.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { LISTING_OPS } from './aws-equivalent.js';
import type { MachineInfo, Versions } from './machine.js';
import type { Sample } from './measure.js';
import { medianCounts, spread, sumCounts, type Spread } from './stats.js';

export type Tool = 'berth' | 'ecschedule';

/**
 * What the tools talked to: the emulator as it is (answers in a few ms, never throttles), or the
 * emulator behind the realistic-AWS proxy (30–100 ms a call, the documented quotas enforced,
 * listings paged as AWS pages them: test/support/realistic-aws.ts).
 */
export type AwsMode = 'emulator' | 'realistic';
export const AWS_MODES: readonly AwsMode[] = ['emulator', 'realistic'];

export interface CallSummary {
  total: Spread;
  /** Median per operation. */
  byOperation: Record<string, number>;
  /** Median total / jobs. */
  perJob: number;
  /** Median total without the listing operations. */
  beyondListings: number;
}

export interface ScenarioResult {
  jobs: number;
  /** Absent in results measured before the realistic mode existed: the emulator. */
  mode?: AwsMode;
  tool: Tool;
  scenario: string;
  /** "default-limits" | "raised-limits" for berth (BERTH_RATE_LIMITS=off), "-" otherwise. */
  variant: string;
  /** What was run, for people. */
  command: string;
  at: string;
  reps: number;
  wallMs: Spread;
  calls: CallSummary;
  awsEquivalent: CallSummary;
  extra: Record<string, Spread>;
  notes: string[];
  error?: string;
  samples: Sample[];
}

export interface PeerInfo {
  tool: 'ecschedule';
  available: boolean;
  version?: string;
  reason?: string;
}

export interface BenchResults {
  kind: 'berth.bench';
  formatVersion: 1;
  updatedAt: string;
  machine: MachineInfo;
  versions: Versions;
  peer: PeerInfo;
  runs: ScenarioResult[];
}

export function summarise(
  base: Pick<ScenarioResult, 'jobs' | 'tool' | 'scenario' | 'variant' | 'command'> & { notes?: string[] },
  samples: Sample[],
  error?: string,
): ScenarioResult {
  const extraKeys = [...new Set(samples.flatMap((s) => Object.keys(s.extra ?? {})))].sort();
  return {
    ...base,
    notes: base.notes ?? [],
    at: new Date().toISOString(),
    reps: samples.length,
    wallMs: spread(samples.map((s) => s.wallMs)),
    calls: callSummary(
      samples.map((s) => s.calls),
      base.jobs,
    ),
    awsEquivalent: callSummary(
      samples.map((s) => s.awsEq),
      base.jobs,
    ),
    extra: Object.fromEntries(
      extraKeys.map((k) => [
        k,
        spread(samples.flatMap((s) => (s.extra?.[k] === undefined ? [] : [s.extra[k]!]))),
      ]),
    ),
    ...(error ? { error } : {}),
    samples,
  };
}

function callSummary(counts: Record<string, number>[], jobs: number): CallSummary {
  const totals = counts.map(sumCounts);
  const total = spread(totals);
  const beyond = spread(
    counts.map((c) =>
      sumCounts(Object.fromEntries(Object.entries(c).filter(([k]) => !LISTING_OPS.includes(k)))),
    ),
  );
  return {
    total,
    byOperation: medianCounts(counts),
    perJob: total.median / jobs,
    beyondListings: beyond.median,
  };
}

export function runKey(r: Pick<ScenarioResult, 'jobs' | 'mode' | 'tool' | 'scenario' | 'variant'>): string {
  return `${r.jobs}|${modeOf(r)}|${r.tool}|${r.scenario}|${r.variant}`;
}

export function modeOf(r: Pick<ScenarioResult, 'mode'>): AwsMode {
  return r.mode ?? 'emulator';
}

export async function readResults(file: string): Promise<BenchResults | undefined> {
  try {
    const doc = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
    return doc.kind === 'berth.bench' && doc.formatVersion === 1 ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Merges `fresh` into what `file` holds (same key: fresh wins) and writes it atomically. */
export async function mergeResults(file: string, fresh: BenchResults): Promise<BenchResults> {
  const old = await readResults(file);
  const byKey = new Map((old?.runs ?? []).map((r) => [runKey(r), r]));
  for (const r of fresh.runs) byKey.set(runKey(r), r);
  const runs = [...byKey.values()].sort(
    (a, b) =>
      a.jobs - b.jobs ||
      modeOf(a).localeCompare(modeOf(b)) ||
      a.tool.localeCompare(b.tool) ||
      a.scenario.localeCompare(b.scenario) ||
      a.variant.localeCompare(b.variant),
  );
  // A run without the peer keeps what an earlier run learnt about it.
  const peer = fresh.peer.available || !old?.peer.available ? fresh.peer : old.peer;
  const ecschedule = fresh.versions.ecschedule ?? peer.version;
  const merged: BenchResults = {
    ...fresh,
    versions: { ...fresh.versions, ...(ecschedule ? { ecschedule } : {}) },
    peer,
    runs,
  };
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  // Formatted as the repository's prettier config wants, so `npm run lint` stays clean.
  const options = (await resolveConfig(file)) ?? {};
  await writeFile(tmp, await format(JSON.stringify(merged), { ...options, parser: 'json' }));
  await rename(tmp, file);
  return merged;
}
