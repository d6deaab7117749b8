// What every scenario needs: the emulator, the counting proxy in front of it, direct clients for
// set-up, the generated repository, repetition counts and a progress log.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CountingProxy } from '../test/support/counting-proxy.js';
import type { BenchRepo } from './bench-repo.js';
import { awsEnv, type DirectAws } from './direct-aws.js';
import type { Emulator } from './emulator.js';

export type LimitsVariant = 'default-limits' | 'raised-limits';

export interface BenchContext {
  root: string;
  jobs: number;
  reps: number;
  emulator: Emulator;
  proxy: CountingProxy;
  aws: DirectAws;
  repo: BenchRepo;
  /** Scratch directory of this run (cache dirs, controller work dirs), removed at the end. */
  tmp: string;
  log: (line: string) => void;
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

export function tempDir(ctx: Pick<BenchContext, 'tmp'>, prefix: string): Promise<string> {
  return mkdtemp(path.join(ctx.tmp, `${prefix}-`));
}

export function scratchRoot(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'berth-bench-'));
}
