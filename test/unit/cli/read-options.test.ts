// --full-read and --full-read-interval: offered by the commands that choose how to read live
// state for a plan (plan, apply), and by no other: drift and pr-report always read fully, the
// rest do not plan (they would accept and ignore them).
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../support/in-process-cli.js';

async function help(command: string): Promise<string> {
  const r = await runInProcess([command, '--help']);
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('live-read options', () => {
  it.each(['plan', 'apply'])('%s offers --full-read and --full-read-interval', async (c) => {
    const text = await help(c);
    expect(text).toContain('--full-read ');
    expect(text).toContain('--full-read-interval <duration>');
  });

  it.each(['drift', 'pr-report', 'schedule', 'import', 'runs', 'verify'])(
    '%s does not offer them, and refuses them',
    async (c) => {
      const text = await help(c);
      expect(text).toContain('--region');
      expect(text).not.toContain('--full-read');
      const r = await runInProcess([c, ...(c === 'pr-report' ? ['--base', 'main'] : []), '--full-read']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/unknown option '--full-read'/);
    },
  );
});
