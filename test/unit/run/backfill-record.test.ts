import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backfillKeyHash,
  defaultRecordPath,
  emptyRecord,
  readRecord,
  succeededStarts,
  writeRecord,
} from '../../../src/run/backfill-record.js';
import type { BackfillKey } from '../../../src/run/backfill-record.js';

const key: BackfillKey = {
  job: 'reprocess-2018',
  from: '2018-01-01',
  to: '2019-01-01',
  every: 'P1M',
  timezone: 'UTC',
  container: 'reprocess-2018',
  args: ['{{window.start}}', '{{window.end}}'],
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-record-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('backfill record', () => {
  it('default path: .berth/backfill/<job>-<hash of the backfill>.json', () => {
    const p = defaultRecordPath('/repo', key);
    expect(p).toBe(`/repo/.berth/backfill/reprocess-2018-${backfillKeyHash(key)}.json`);
    expect(backfillKeyHash(key)).toMatch(/^[0-9a-f]{12}$/);
    // any change to range, period or arguments is another backfill
    expect(backfillKeyHash({ ...key, to: '2018-07-01' })).not.toBe(backfillKeyHash(key));
    expect(backfillKeyHash({ ...key, args: ['{{window.start}}'] })).not.toBe(backfillKeyHash(key));
    expect(backfillKeyHash({ ...key, env: { A: '1' } })).not.toBe(backfillKeyHash(key));
    // key order does not matter
    expect(backfillKeyHash({ ...key, every: 'P1M', job: 'reprocess-2018' })).toBe(backfillKeyHash(key));
  });

  it('round-trips through an atomic write and leaves no temp files', async () => {
    const file = path.join(dir, 'nested', 'r.json');
    const rec = emptyRecord(key, '2024-06-01T00:00:00.000Z');
    rec.windows['2018-01-01'] = {
      index: 1,
      start: '2018-01-01',
      end: '2018-02-01',
      status: 'Succeeded',
      taskArns: ['t1'],
      exitCode: 0,
      at: 'x',
    };
    rec.windows['2018-02-01'] = {
      index: 2,
      start: '2018-02-01',
      end: '2018-03-01',
      status: 'Failed',
      taskArns: ['t2'],
      exitCode: 2,
      at: 'x',
    };
    await writeRecord(file, rec);
    await writeRecord(file, rec);
    expect(await readdir(path.dirname(file))).toEqual(['r.json']);
    const back = await readRecord(file, key);
    expect(back).toEqual(rec);
    expect([...succeededStarts(back)]).toEqual(['2018-01-01']);
  });

  it('a missing file is no record', async () => {
    expect(await readRecord(path.join(dir, 'none.json'), key)).toBeUndefined();
    expect(succeededStarts(undefined).size).toBe(0);
  });

  it('a corrupt file is an error with a way out, not a silent restart', async () => {
    const file = path.join(dir, 'r.json');
    await writeFile(file, '{"version":1,"key":"abc","windows":{', 'utf8');
    await expect(readRecord(file, key)).rejects.toMatchObject({
      code: 'Invalid',
      message: expect.stringMatching(/not a usable backfill record \(not JSON\)/),
      hint: expect.stringMatching(/delete it/),
    });
    await writeFile(file, '{"version":1,"key":"abc","windows":{"x":{"start":1}}}', 'utf8');
    await expect(readRecord(file, key)).rejects.toThrow(/unexpected content/);
    expect(await readFile(file, 'utf8')).toContain('"start":1');
  });

  it('refuses the record of another backfill', async () => {
    const file = path.join(dir, 'r.json');
    await writeRecord(file, emptyRecord({ ...key, from: '2017-01-01' }, 'now'));
    await expect(readRecord(file, key)).rejects.toThrow(
      /records a different backfill \(reprocess-2018 2017-01-01/,
    );
  });
});
