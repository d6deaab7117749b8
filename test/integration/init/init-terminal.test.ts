// `berth init` on a real terminal (a pseudo-terminal made by util-linux `script`): the answer a
// person types is shown once, as typed, and lands in berth.yaml.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BERTH_BIN } from '../../support/berth-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-init-tty-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PROMPT = 'ECS cluster the jobs run in (name or ARN): ';

/** Runs `berth init ARGS` on a pseudo-terminal and types `answer` + Enter at the cluster prompt. */
function initOnTerminal(args: string[], answer: string): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BERTH_BIN, 'init', ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', TERM: 'dumb' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let typed = false;
  child.stdout.on('data', (c: Buffer) => {
    screen += c.toString();
    // Typed only once the prompt is on the screen, as a person would.
    if (!typed && screen.includes(PROMPT)) {
      typed = true;
      child.stdin.write(`${answer}\r`);
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, screen })));
}

describe('berth init on a terminal', () => {
  it('shows the typed answer once, without control characters, and writes it', async () => {
    const { code, screen } = await initOnTerminal(
      [
        '--name',
        'etl-jobs',
        '--region',
        'us-east-1',
        '--name-prefix',
        'etl-jobs-',
        '--schedule-group',
        'berth-etl-jobs',
        '--scheduler-role-arn',
        'arn:aws:iam::123456789012:role/berth-scheduler',
        '--execution-role-arn',
        'arn:aws:iam::123456789012:role/etl-task-execution',
        '--subnet',
        'subnet-0a1b2c3d4e5f60718',
        '--security-group',
        'sg-0c3d4e5f60718293a',
      ],
      'etl-cluster',
    );
    expect(code).toBe(0);
    expect(screen).not.toContain('\\u00');
    expect(screen).toContain(`${PROMPT}etl-cluster\r\n`);
    expect(screen.split('etl-cluster').length - 1).toBe(1);
    expect(readFileSync(path.join(dir, 'berth.yaml'), 'utf8')).toContain('  cluster: etl-cluster\n');
  });
});
