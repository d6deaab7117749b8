// Where remembered job plans live (plan/job-memo.ts): in memory for the controller's lifetime, or
// on disk next to the CLI's live-state cache, one file per installation (owner + schedule group).
// A store keeps only what the last plan used, so it stays the size of the repository; a file that
// is unreadable, corrupt or of another planner version is ignored: it only ever saves work.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deepFreeze } from '../live/deep-freeze.js';
import type { JobPlanStore, MemoisedJobPlan } from '../plan/index.js';
import { writePrivateFile } from './atomic-write.js';

const FORMAT = 1;

export class MemoryJobPlanStore implements JobPlanStore {
  /** One process runs one planner. */
  readonly version: string = 'in-process';
  protected readonly entries = new Map<string, MemoisedJobPlan>();
  private readonly used = new Set<string>();

  get(key: string): MemoisedJobPlan | undefined {
    const v = this.entries.get(key);
    if (v) this.used.add(key);
    return v;
  }

  set(key: string, value: MemoisedJobPlan): void {
    // Frozen: every later plan shares the object.
    this.entries.set(key, deepFreeze(value));
    this.used.add(key);
  }

  /** Forgets what the last plan did not use, then persists (no-op in memory). */
  async save(): Promise<void> {
    for (const k of [...this.entries.keys()]) if (!this.used.has(k)) this.entries.delete(k);
    this.used.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export class DiskJobPlanStore extends MemoryJobPlanStore {
  override readonly version = plannerFingerprint();

  private constructor(private readonly file: string) {
    super();
  }

  static async open(dir: string, owner: string, group: string): Promise<DiskJobPlanStore> {
    const id = createHash('sha256').update(`${owner}\0${group}`).digest('hex').slice(0, 32);
    const store = new DiskJobPlanStore(path.join(dir, `job-plans-${id}.json`));
    await store.load();
    return store;
  }

  override async save(): Promise<void> {
    await super.save();
    const body = JSON.stringify({
      format: FORMAT,
      version: this.version,
      entries: Object.fromEntries(this.entries),
    });
    // A read-only or full cache directory costs speed, never a result.
    await writePrivateFile(this.file, body).catch(() => undefined);
  }

  private async load(): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return;
    }
    if (!isRecord(raw) || raw.format !== FORMAT || raw.version !== this.version || !isRecord(raw.entries))
      return;
    for (const [key, v] of Object.entries(raw.entries))
      if (
        isRecord(v) &&
        typeof v.withFamily === 'boolean' &&
        isRecord(v.plan) &&
        Array.isArray(v.plan.actions)
      )
        this.entries.set(key, deepFreeze(v as unknown as MemoisedJobPlan));
  }
}

// Set by scripts/bundle.mjs: the published bundle has no plan/ directory to hash, so the hash of
// the compiled plan/ is computed when the bundle is built.
declare const __BERTH_PLANNER_FINGERPRINT__: string | undefined;

let fingerprint: string | undefined;

/**
 * The directories whose code decides a job's plan: plan/ and what it imports (model/ parses
 * ARNs and holds the record's shapes, desired/ hashes content, schedule-times/, manifests/ merge).
 * A change in any of them must not reuse a remembered plan.
 */
const PLANNER_DIRS = ['plan', 'model', 'desired', 'schedule-times', 'manifests'];

/** This build's planner: the bundle's build-time hash, else a hash of the planner's directories. */
function plannerFingerprint(): string {
  if (fingerprint === undefined) {
    try {
      fingerprint =
        typeof __BERTH_PLANNER_FINGERPRINT__ === 'string'
          ? __BERTH_PLANNER_FINGERPRINT__
          : hashPlannerModules(PLANNER_DIRS.map((d) => new URL(`../${d}/`, import.meta.url)));
    } catch {
      // An unreadable planner directory costs the disk memo, never the plan: a key of this
      // process alone matches no stored entry.
      fingerprint = `unreadable-${process.pid}-${Date.now()}`;
    }
  }
  return fingerprint;
}

/** A hash of the modules under these directories: another berth, other keys. */
export function hashPlannerModules(dirs: readonly URL[]): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    hash.update(dir.pathname.split('/').slice(-2).join('/')).update('\0');
    for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      if (!/\.(js|ts)$/.test(rel)) continue;
      hash
        .update(rel)
        .update('\0')
        .update(readFileSync(new URL(rel, dir)))
        .update('\0');
    }
  }
  return hash.digest('hex').slice(0, 32);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
