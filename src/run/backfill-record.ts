// The local record that makes a backfill resumable: which windows already succeeded. One file
// per backfill (job + range + period + arguments), rewritten atomically (temp file + rename)
// after every window, so an interrupted or crashed run leaves a whole, readable file.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contentHash } from '../desired/hash.js';
import { BerthError } from '../model/errors.js';

export type WindowStatus = 'Succeeded' | 'Failed' | 'FailedToStart' | 'TimedOut' | 'Started' | 'Abandoned';

export interface WindowRecord {
  index: number;
  start: string;
  end: string;
  status: WindowStatus;
  taskArns: string[];
  exitCode?: number;
  error?: string;
  at: string;
}

/** What identifies one backfill: a different range, period or argument list is another backfill. */
export interface BackfillKey {
  job: string;
  from: string;
  to: string;
  every: string;
  timezone: string;
  container: string;
  args?: string[];
  env?: Record<string, string>;
  scheduledTimeAt?: 'end';
}

export interface BackfillRecord {
  version: 1;
  key: string;
  spec: BackfillKey;
  updatedAt: string;
  /** By window start. */
  windows: Record<string, WindowRecord>;
}

export function backfillKeyHash(key: BackfillKey): string {
  return contentHash(key).slice(0, 12);
}

export function defaultRecordPath(root: string, key: BackfillKey): string {
  const safeJob = key.job.replace(/[^A-Za-z0-9_.-]/g, '_');
  return path.join(root, '.berth', 'backfill', `${safeJob}-${backfillKeyHash(key)}.json`);
}

export function emptyRecord(key: BackfillKey, now: string): BackfillRecord {
  return { version: 1, key: backfillKeyHash(key), spec: key, updatedAt: now, windows: {} };
}

/** undefined when the file does not exist; a BerthError when it is not a record of this backfill. */
export async function readRecord(file: string, key: BackfillKey): Promise<BackfillRecord | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BerthError('Internal', `cannot read ${file}`, { cause: err });
  }
  const corrupt = (why: string, cause?: unknown) =>
    new BerthError('Invalid', `${file} is not a usable backfill record (${why})`, {
      ...(cause === undefined ? {} : { cause }),
      hint: 'delete it to start the backfill over, or run without --resume',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw corrupt('not JSON', err);
  }
  if (!isRecord(parsed)) throw corrupt('unexpected content');
  if (parsed.key !== backfillKeyHash(key))
    throw new BerthError('Invalid', `${file} records a different backfill (${describeKey(parsed.spec)})`, {
      hint: 'use the same job, --from, --to, --every and arguments, or another --state-file',
    });
  return parsed;
}

export async function writeRecord(file: string, record: BackfillRecord): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new BerthError('Internal', `cannot write ${file}`, { cause: err });
  }
}

/** Window starts a resumed backfill skips. */
export function succeededStarts(record: BackfillRecord | undefined): Set<string> {
  return new Set(
    Object.values(record?.windows ?? {})
      .filter((w) => w.status === 'Succeeded')
      .map((w) => w.start),
  );
}

function isRecord(v: unknown): v is BackfillRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<BackfillRecord>;
  if (r.version !== 1 || typeof r.key !== 'string' || typeof r.windows !== 'object' || r.windows === null)
    return false;
  return Object.values(r.windows).every(
    (w) => typeof w === 'object' && w !== null && typeof w.start === 'string' && typeof w.status === 'string',
  );
}

function describeKey(spec: BackfillKey | undefined): string {
  return spec ? `${spec.job} ${spec.from} → ${spec.to} every ${spec.every}` : 'unknown';
}
