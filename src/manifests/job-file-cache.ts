// Reading a job file (YAML → documents with positions → schema → per-file rules) is a pure
// function of its path and bytes, and it is most of a plan's CPU at a thousand jobs. A cache
// keyed by (path, content) skips it for files that did not change. The key also carries a
// fingerprint of berth's manifest code and schemas, so a newer berth never reuses what an
// older one concluded.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { InputFile } from './files.js';
import { isReadable } from './files.js';
import { readJobFile, type JobFile } from './job-documents.js';

export interface JobFileCache {
  get(key: string): JobFile | undefined;
  set(key: string, value: JobFile): void;
  /** Drops every entry not in `keys` (the files of the latest load): memory stays bounded. */
  retain(keys: ReadonlySet<string>): void;
  /** Persists what changed (the disk cache); errors are swallowed: a cache never fails a load. */
  flush?(): Promise<void>;
}

export class MemoryJobFileCache implements JobFileCache {
  protected entries = new Map<string, JobFile>();

  get(key: string): JobFile | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: JobFile): void {
    this.entries.set(key, value);
  }

  retain(keys: ReadonlySet<string>): void {
    for (const k of this.entries.keys()) if (!keys.has(k)) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** readJobFile through `cache`; `used` collects the keys of this load for `retain`. */
export function cachedJobReader(cache: JobFileCache, used: Set<string>): (file: InputFile) => JobFile {
  return (file) => {
    if (!isReadable(file)) return readJobFile(file);
    const key = jobFileKey(file.path, file.content);
    used.add(key);
    const hit = cache.get(key);
    if (hit) return hit;
    const fresh = readJobFile(file);
    cache.set(key, fresh);
    return fresh;
  };
}

export function jobFileKey(path: string, content: string | Uint8Array): string {
  return createHash('sha256')
    .update(codeFingerprint())
    .update(path)
    .update('\0')
    .update(content)
    .digest('hex');
}

// Set by scripts/bundle.mjs: in the published bundle this module's directory is the whole bundle
// (6 MB, 60-300 ms to hash on every command), so the hash of the compiled manifests/ is fixed at
// build time.
declare const __BERTH_MANIFESTS_FINGERPRINT__: string | undefined;

let fingerprint: string | undefined;

/** A hash of this directory's modules: the rules and the generated validators (which embed the schemas). */
export function codeFingerprint(): string {
  if (fingerprint === undefined && typeof __BERTH_MANIFESTS_FINGERPRINT__ === 'string')
    fingerprint = __BERTH_MANIFESTS_FINGERPRINT__;
  if (fingerprint === undefined) {
    const hash = createHash('sha256');
    const here = new URL('./', import.meta.url);
    for (const rel of readdirSync(here, { recursive: true, encoding: 'utf8' }).sort()) {
      if (!/\.(js|ts)$/.test(rel)) continue;
      hash
        .update(rel)
        .update('\0')
        .update(readFileSync(new URL(rel, here)))
        .update('\0');
    }
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}
