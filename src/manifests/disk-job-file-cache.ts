// The CLI's copy of the job-file cache: one JSON file per repository under the cache
// directory, written atomically, owner-only (manifests may hold plain environment values).
// Unreadable, corrupt or foreign files are ignored: the cache only ever saves work.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import type { JobManifest } from '../model/manifest.js';
import type { JobDocument, JobFile } from './job-documents.js';
import { codeFingerprint, MemoryJobFileCache } from './job-file-cache.js';
import type { LookupSite } from './lookup-sites.js';
import type { Position } from './positions.js';

const FORMAT = 1;

interface StoredDocument extends Omit<JobDocument, 'positions'> {
  fields: [string, Position][];
  scalars: [string, Position][];
}
interface StoredFile extends Omit<JobFile, 'documents'> {
  documents: StoredDocument[];
}

export class DiskJobFileCache extends MemoryJobFileCache {
  private dirty = false;

  private constructor(private readonly file: string) {
    super();
  }

  /** The cache of the repository at `root` (its real path) under `dir`. */
  static async open(dir: string, root: string): Promise<DiskJobFileCache> {
    const hash = createHash('sha256').update(root).digest('hex').slice(0, 32);
    const cache = new DiskJobFileCache(path.join(dir, `manifests-${hash}.json`));
    await cache.load();
    return cache;
  }

  override set(key: string, value: JobFile): void {
    super.set(key, value);
    this.dirty = true;
  }

  override retain(keys: ReadonlySet<string>): void {
    const before = this.size;
    super.retain(keys);
    if (this.size !== before) this.dirty = true;
  }

  async flush(): Promise<void> {
    if (!this.dirty) return;
    const entries: Record<string, StoredFile> = {};
    for (const [key, value] of this.entries) if (storable(value)) entries[key] = store(value);
    const body = JSON.stringify({ format: FORMAT, code: codeFingerprint(), entries });
    const dir = path.dirname(this.file);
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(tmp, body, { mode: 0o600 });
      await rename(tmp, this.file);
      this.dirty = false;
    } catch {
      // A read-only or full cache directory costs speed, never a result.
      await rm(tmp, { force: true });
    }
  }

  private async load(): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      return;
    }
    if (!isRecord(raw) || raw.format !== FORMAT || raw.code !== codeFingerprint() || !isRecord(raw.entries))
      return;
    for (const [key, value] of Object.entries(raw.entries)) {
      const file = revive(value);
      if (file) this.entries.set(key, file);
    }
  }
}

function store(f: JobFile): StoredFile {
  return {
    ...f,
    documents: f.documents.map(({ positions, ...d }) => ({
      ...d,
      fields: [...positions.fields],
      scalars: [...positions.scalars],
    })),
  };
}

/** JSON would turn a non-finite number into null: such a file is simply not cached. */
function storable(f: JobFile): boolean {
  let ok = true;
  JSON.stringify(f.documents, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) ok = false;
    return v;
  });
  return ok;
}

function revive(v: unknown): JobFile | undefined {
  if (!isRecord(v) || typeof v.path !== 'string' || !Array.isArray(v.documents)) return undefined;
  if (!Array.isArray(v.diagnostics) || !Array.isArray(v.salvagedNames)) return undefined;
  const documents: JobDocument[] = [];
  for (const d of v.documents as unknown[]) {
    if (!isRecord(d) || !Array.isArray(d.fields) || !Array.isArray(d.scalars) || !Array.isArray(d.start))
      return undefined;
    if (typeof d.file !== 'string' || typeof d.index !== 'number') return undefined;
    documents.push({
      file: d.file,
      index: d.index,
      start: d.start as Position,
      positions: {
        fields: new Map(d.fields as [string, Position][]),
        scalars: new Map(d.scalars as [string, Position][]),
      },
      name: typeof d.name === 'string' ? d.name : undefined,
      manifest: isRecord(d.manifest) ? (d.manifest as unknown as JobManifest) : undefined,
      ...(Array.isArray(d.lookups) ? { lookups: d.lookups as LookupSite[] } : {}),
    });
  }
  return {
    path: v.path,
    documents,
    diagnostics: v.diagnostics as Diagnostic[],
    salvagedNames: v.salvagedNames as string[],
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
