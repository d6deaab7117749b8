// The saved-plan reader: a typo, a directory, a device or an oversized file is one clear
// error, and memory stays bounded whatever the file claims to be.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanFile } from '../../../src/cli/plan-file.js';
import type { Plan } from '../../../src/model/plan.js';
import { assertPlanCurrent, parseSavedPlan } from '../../../src/pipeline/stale-plan.js';
import { renderPlanJson } from '../../../src/report/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-planfile-'));

describe('readPlanFile', () => {
  it('names a missing file, a directory and an oversized file in one line', async () => {
    await expect(readPlanFile(path.join(dir, 'plan.jsn'))).rejects.toThrow(
      /^cannot read plan file .*plan\.jsn: no such file or directory \(ENOENT\)$/,
    );
    await expect(readPlanFile(dir)).rejects.toThrow(/^plan file .* is a directory, not a file$/);
    const big = path.join(dir, 'big.json');
    writeFileSync(big, 'x'.repeat(2048));
    await expect(readPlanFile(big, 1024)).rejects.toThrow(
      /big\.json is larger than 1024 bytes: not a saved plan$/,
    );
    writeFileSync(path.join(dir, 'ok.json'), '{"a":1}');
    expect(await readPlanFile(path.join(dir, 'ok.json'), 1024)).toBe('{"a":1}');
  });

  it('reads at most the cap from an endless device (/dev/zero), in bounded memory', async () => {
    const before = process.memoryUsage().rss;
    await expect(readPlanFile('/dev/zero', 8 * 1024 * 1024)).rejects.toThrow(/larger than 8 MiB/);
    // The cap plus buffers, not the 627 MiB the old reader took before failing.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('parseSavedPlan', () => {
  const plan = (extra: Record<string, unknown>) =>
    JSON.stringify({ kind: 'berth.plan', liveFingerprint: 'f', jobs: [], group: {}, ...extra });

  it('accepts formatVersion 1 and refuses any other', () => {
    expect(parseSavedPlan(plan({ formatVersion: 1 }), 'p.json').liveFingerprint).toBe('f');
    for (const v of [99, 0, '1', null, 1.5])
      expect(() => parseSavedPlan(plan({ formatVersion: v }), 'p.json')).toThrow(
        /p\.json has formatVersion .*; this berth applies plans of formatVersion 1/,
      );
    expect(() => parseSavedPlan(plan({}), 'p.json')).toThrow(/p\.json has no formatVersion/);
  });
});

describe('assertPlanCurrent', () => {
  const fresh = (region: string, account: string): Plan => ({
    formatVersion: 1,
    owner: 'o',
    scheduleGroup: 'g',
    region,
    account,
    accountSource: 'aws',
    liveFingerprint: 'f',
    groupAction: { kind: 'noop', resource: 'scheduleGroup', name: 'g', changes: [] },
    jobs: [],
    summary: { create: 0, update: 0, delete: 0, noop: 0, conflicts: 0 },
    warnings: [],
  });
  const saved = (p: Plan) => parseSavedPlan(renderPlanJson(p), 'p.json');

  it('refuses a plan made for another region or account', () => {
    const made = saved(fresh('us-east-1', '111111111111'));
    expect(() => assertPlanCurrent(made, fresh('us-east-1', '111111111111'), 'p.json')).not.toThrow();
    expect(() => assertPlanCurrent(made, fresh('eu-west-1', '111111111111'), 'p.json')).toThrow(
      /p\.json was made for region us-east-1, but this apply would change region eu-west-1/,
    );
    expect(() => assertPlanCurrent(made, fresh('us-east-1', '222222222222'), 'p.json')).toThrow(
      /made for account 111111111111/,
    );
  });

  it('a plan saved with -t applies only with the same -t, said in one line before any stale check', () => {
    const base = fresh('us-east-1', '111111111111');
    const made = saved({ ...base, targets: ['a'], liveFingerprint: 'targeted' });
    expect(() => assertPlanCurrent(made, base, 'p.json')).toThrow(
      /^p\.json was made with -t a; apply it with the same -t a$/,
    );
    expect(() => assertPlanCurrent(made, { ...base, targets: ['a', 'b'] }, 'p.json')).toThrow(
      /was made with -t a; apply it with the same -t a$/,
    );
    expect(() =>
      assertPlanCurrent(made, { ...base, targets: ['a'], liveFingerprint: 'targeted' }, 'p.json'),
    ).not.toThrow();
    expect(() => assertPlanCurrent(saved(base), { ...base, targets: ['a'] }, 'p.json')).toThrow(
      /^p\.json was made without -t; apply it without -t$/,
    );
    // A plan saved before targets were written says nothing about them: the other checks decide.
    const older = { ...made };
    delete older.targets;
    expect(() => assertPlanCurrent(older, base, 'p.json')).toThrow(/stale: live state changed/);
  });
});
