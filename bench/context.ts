// What every scenario needs: the emulator, the counting proxy in front of it, direct clients for
// set-up, the generated repository, repetition counts and a progress log.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CountingProxy } from '../test/support/counting-proxy.js';
import type { BenchRepo } from './bench-repo.js';
import { activeRevisionCount, activeRevisionsPerFamily, awsEnv, type DirectAws } from './direct-aws.js';
import { PREFIX } from './workload.js';
import type { Emulator } from './emulator.js';
import type { ListingSizes } from './aws-equivalent.js';
import type { AwsMode, ScenarioResult } from './results.js';

export type LimitsVariant = 'default-limits' | 'raised-limits';

/** The proxy the tools go through; the realistic one also says how many requests it throttled. */
export type Meter = CountingProxy & {
  throttled?(): number;
  /** ListTaskDefinitions of one exact family since the last reset (emulator mode). */
  familyListings?(): number;
};

export interface BenchContext {
  root: string;
  jobs: number;
  reps: number;
  emulator: Emulator;
  /** What the proxy in front of the emulator plays (see results.ts). */
  mode: AwsMode;
  proxy: Meter;
  aws: DirectAws;
  repo: BenchRepo;
  /** Scratch directory of this run (cache dirs, controller work dirs), removed at the end. */
  tmp: string;
  log: (line: string) => void;
  /** Saves results as soon as a scenario has them (merged into results.json). */
  record?: (results: ScenarioResult[]) => Promise<void>;
}

/** The environment berth runs with: AWS through the proxy; raised limits = BERTH_RATE_LIMITS=off. */
export function berthEnv(
  ctx: BenchContext,
  variant: LimitsVariant = 'default-limits',
): Record<string, string> {
  return {
    ...awsEnv(ctx.proxy.url),
    ...(variant === 'raised-limits' ? { BERTH_RATE_LIMITS: 'off' } : {}),
  };
}

/**
 * Set-up runs (uncounted): straight to the emulator with pacing off, in either mode. Through the
 * realistic proxy, an unpaced set-up would only meet its quotas (and fail on throttles).
 */
export function setupEnv(ctx: Pick<BenchContext, 'emulator'>): Record<string, string> {
  return { ...awsEnv(ctx.emulator.endpoint), BERTH_RATE_LIMITS: 'off' };
}

/**
 * Listing sizes for AWS-equivalent counts. The realistic proxy pages listings as AWS does, so
 * what it counts needs no correction.
 */
export async function listingSizes(ctx: Pick<BenchContext, 'mode' | 'aws'>): Promise<ListingSizes> {
  if (ctx.mode === 'realistic') return { activeRevisions: 0 };
  const perFamily = await activeRevisionsPerFamily(ctx.aws, PREFIX);
  return { activeRevisions: await activeRevisionCount(ctx.aws), families: perFamily.size };
}

export function tempDir(ctx: Pick<BenchContext, 'tmp'>, prefix: string): Promise<string> {
  return mkdtemp(path.join(ctx.tmp, `${prefix}-`));
}

export function scratchRoot(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'berth-bench-'));
}
