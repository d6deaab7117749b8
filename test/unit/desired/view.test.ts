import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { renderDesired } from '../../../src/desired/render.js';
import { formatView, renderView, unknownJobs } from '../../../src/desired/view.js';
import { config, job, scheduled } from './support/build.js';

const { state } = renderDesired(config(), [
  scheduled('daily', {
    environment: { DB_PASSWORD: 'hunter2' },
    schedule: { expression: 'rate(1 day)', startDate: '2025-04-01T00:00:00Z' },
    run: { command: ['--at', '<aws.scheduler.scheduled-time>'] },
  }),
  job('adhoc', { image: 'i' }),
]);

describe('render view', () => {
  it('shows every job in name order with both inputs, secrets masked, dates as ISO strings', () => {
    const views = renderView(state, []);
    expect(views.map((v) => v.job)).toEqual(['adhoc', 'daily']);
    expect(views[0]).not.toHaveProperty('createSchedule');
    const daily = views[1]!;
    expect(daily).toMatchObject({
      file: 'jobs/daily.yaml',
      family: 'etl-daily',
      contentHash: state.jobs[1]!.contentHash,
    });
    expect(JSON.stringify(daily)).not.toContain('hunter2');
    expect((daily.createSchedule as { StartDate: unknown }).StartDate).toBe('2025-04-01T00:00:00.000Z');
  });

  it('shows sensitive values only when asked', () => {
    expect(JSON.stringify(renderView(state, ['daily'], { showSensitive: true }))).toContain('hunter2');
  });

  it('selects jobs by name and names the unknown ones', () => {
    expect(renderView(state, ['daily']).map((v) => v.job)).toEqual(['daily']);
    expect(unknownJobs(state, ['daily', 'nope', 'x'])).toEqual(['nope', 'x']);
  });

  it('formats YAML as one document per job and JSON as a berth.render document, both round-tripping', () => {
    const views = renderView(state, []);
    const yaml = formatView(views, 'yaml');
    const docs = parseAllDocuments(yaml).map((d) => d.toJS() as unknown);
    expect(docs).toEqual(views);
    expect(yaml).toContain('<aws.scheduler.scheduled-time>');
    // YAML 1.1 readers would take a bare OFF for false
    expect(yaml).toContain('Mode: "OFF"');
    const v11 = parseAllDocuments(yaml, { version: '1.1' }).map((d) => d.toJS() as unknown);
    expect(v11).toEqual(views);
    expect(JSON.parse(formatView(views, 'json'))).toEqual({
      kind: 'berth.render',
      formatVersion: 1,
      jobs: views,
    });
    expect(parse(formatView([views[0]!], 'yaml'))).toEqual(views[0]);
  });
});
