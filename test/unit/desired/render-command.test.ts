// `berth render` end to end on fixture repositories (no AWS involved).
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runInProcess } from '../../support/in-process-cli.js';

const ROOT = join(import.meta.dirname, '../../..');
const fixture = (name: string) => join(ROOT, 'test/fixtures/render', name);

async function berth(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const r = await runInProcess(args);
  return { out: r.stdout, err: r.stderr, code: r.code };
}

afterEach(() => vi.restoreAllMocks());

describe('berth render', () => {
  it('prints one YAML document per job with both inputs', async () => {
    const { out, code } = await berth('-C', fixture('defaults-merge'), 'render');
    expect(code).toBe(0);
    const docs = parseAllDocuments(out).map(
      (d) => d.toJS() as { job: string; createSchedule?: { Name: string } },
    );
    expect(docs.map((d) => d.job)).toEqual(['nightly', 'quiet']);
    expect(docs[0]!.createSchedule!.Name).toBe('m-nightly');
  });

  it('prints JSON for the named jobs, masking sensitive values, stamping the revision', async () => {
    const { out, code } = await berth(
      '-C',
      fixture('multi-container'),
      'render',
      'clickstream',
      '-o',
      'json',
      '--revision',
      'abc',
    );
    expect(code).toBe(0);
    const doc = JSON.parse(out) as {
      kind: string;
      formatVersion: number;
      jobs: { registerTaskDefinition: { tags: { key: string; value: string }[] } }[];
    };
    expect([doc.kind, doc.formatVersion]).toEqual(['berth.render', 1]);
    const [view] = doc.jobs;
    expect(view!.registerTaskDefinition.tags).toContainEqual({ key: 'berth:commit', value: 'abc' });
    expect(out).not.toContain('not-in-git-please');
    expect(out).toContain('(sensitive)');
  });

  it('shows sensitive values with --show-sensitive', async () => {
    const { out } = await berth('-C', fixture('multi-container'), 'render', '--show-sensitive');
    expect(out).toContain('not-in-git-please');
  });

  it('exits 1 naming the known jobs when a job is unknown', async () => {
    const { out, err, code } = await berth('-C', fixture('defaults-merge'), 'render', 'nightly', 'nope');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('no job named nope');
    expect(err).toContain('known jobs: nightly, quiet');
  });

  it('exits 1 with positioned problems for an invalid repository', async () => {
    const { out, err, code } = await berth('-C', fixture('errors'), 'render');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/jobs\/bad\.yaml:\d+:\d+\s+error/);
  });
});
