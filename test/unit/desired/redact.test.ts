import { describe, expect, it } from 'vitest';
import { redactJob } from '../../../src/desired/redact.js';
import { renderDesired } from '../../../src/desired/render.js';
import { MASK } from '../../../src/desired/sensitive.js';
import { config, scheduled } from './support/build.js';

describe('redactJob', () => {
  const { state } = renderDesired(config(), [
    scheduled('x', {
      environment: { DB_PASSWORD: 'hunter2', BATCH: 1 },
      run: { environment: { API_TOKEN: 'tok', DAY: 'mon' } },
    }),
  ]);
  const job = state.jobs[0]!;

  it('masks sensitive env values in the task definition and in Target.Input', () => {
    const red = redactJob(job);
    expect(red.taskDefinition.containerDefinitions![0]!.environment).toEqual([
      { name: 'BATCH', value: '1' },
      { name: 'DB_PASSWORD', value: MASK },
    ]);
    const input = red.schedule!.Target!.Input!;
    expect(input).not.toContain('tok');
    expect(JSON.parse(input)).toEqual({
      containerOverrides: [
        {
          name: 'x',
          environment: [
            { name: 'API_TOKEN', value: MASK },
            { name: 'DAY', value: 'mon' },
          ],
        },
      ],
    });
    expect(JSON.stringify(red)).not.toContain('hunter2');
  });

  it('leaves the original untouched', () => {
    redactJob(job);
    expect(JSON.stringify(job)).toContain('hunter2');
  });
});
