// The memory a controller may use: the container's limit (cgroup v2 memory.max, or v1
// memory.limit_in_bytes) and the JavaScript heap V8 was given, and whether that heap holds a
// repository of N jobs. The image sizes the heap from the limit (scripts/container-start.sh); a
// process whose heap is too small for its repository stops with an error that names the
// settings, instead of dying out of memory after its first cycle.
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

const CGROUP_V2 = '/sys/fs/cgroup/memory.max';
const CGROUP_V1 = '/sys/fs/cgroup/memory/memory.limit_in_bytes';
/** cgroup v1 writes a huge number (about 2^63, page-aligned) for "no limit". */
const V1_UNLIMITED = 2 ** 60;

const MiB = 2 ** 20;

/**
 * Live heap per job, measured (bench, 10,000 jobs after a full GC): the desired state, the live
 * state and its cache, the job-file cache and the remembered plans. With the base below and a
 * margin for the garbage of a cycle, it decides whether a heap is big enough.
 */
export const HEAP_PER_JOB_BYTES = 40 * 1024;
/** Modules, the SDK clients, the HTTP server: the heap of a controller with no jobs. */
export const HEAP_BASE_BYTES = 40 * MiB;
/** A cycle's garbage on top of what stays live. */
const HEADROOM = 1.5;

/** The limit in a cgroup memory file, or undefined when the file says there is none. */
export function parseCgroupLimit(text: string): number | undefined {
  const t = text.trim();
  if (t === '' || t === 'max') return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n > 0 && n < V1_UNLIMITED ? n : undefined;
}

/** The container's memory limit in bytes (undefined: none, or not in a cgroup). */
export function containerMemoryLimit(
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): number | undefined {
  for (const file of [CGROUP_V2, CGROUP_V1]) {
    try {
      return parseCgroupLimit(read(file));
    } catch {
      // Not this cgroup version (or no cgroup at all): try the next.
    }
  }
  return undefined;
}

export interface HeapBudget {
  /** V8's heap limit for this process. */
  heapBytes: number;
  containerLimitBytes?: number;
  /** Where the limit came from, for people. */
  source: string;
}

export function heapBudget(env: NodeJS.ProcessEnv = process.env, limit = containerMemoryLimit()): HeapBudget {
  const flag = /--max-old-space-size[= ](\d+)/.exec(
    `${env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`,
  );
  const source = flag
    ? `--max-old-space-size=${flag[1]}`
    : limit !== undefined
      ? `V8's default for a ${mib(limit)} container`
      : "V8's default for this machine";
  return {
    heapBytes: getHeapStatistics().heap_size_limit,
    ...(limit !== undefined ? { containerLimitBytes: limit } : {}),
    source,
  };
}

export function heapNeeded(jobs: number): number {
  return Math.round((HEAP_BASE_BYTES + jobs * HEAP_PER_JOB_BYTES) * HEADROOM);
}

/** Why `jobs` jobs do not fit in this heap, or undefined when they do. */
export function heapShortfall(jobs: number, budget: HeapBudget): string | undefined {
  const need = heapNeeded(jobs);
  if (budget.heapBytes >= need) return undefined;
  const container =
    budget.containerLimitBytes !== undefined ? ` in a ${mib(budget.containerLimitBytes)} container` : '';
  // The image gives the heap three quarters of (the container's limit less 64 MiB): the inverse.
  const containerNeed = Math.ceil((need / MiB / 0.75 + 64) / 64) * 64;
  return (
    `${jobs.toLocaleString('en-US')} job${jobs === 1 ? '' : 's'} need${jobs === 1 ? 's' : ''} about ${mib(need)} of JavaScript heap; this process has ` +
    `${mib(budget.heapBytes)} (${budget.source})${container}. Raise the container's memory limit to at ` +
    `least ${containerNeed} MiB (the image sizes the heap from it), or set ` +
    `NODE_OPTIONS=--max-old-space-size=${Math.ceil(need / MiB)}`
  );
}

/**
 * The heap check of a process that reconciles several environments: they share one heap, so
 * each environment's job count is kept and their sum is checked (each against the whole heap
 * alone would pass environments that together do not fit). `forEnvironment(name)` is the check
 * one environment's loop calls with its own count.
 */
export function sharedHeapCheck(budget: HeapBudget): (env: string) => (jobs: number) => string | undefined {
  const counts = new Map<string, number>();
  return (env) => (jobs) => {
    counts.set(env, jobs);
    let total = 0;
    for (const n of counts.values()) total += n;
    return heapShortfall(total, budget);
  };
}

function mib(bytes: number): string {
  return `${Math.round(bytes / MiB)} MiB`;
}
