// The controller's last line of defence: an error that escapes every handler is logged and the
// process keeps serving. Run in a child process, where a real uncaught exception can happen.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const GUARD = path.resolve('src/server/process-guard.ts');
const LOGGER = path.resolve('src/log/logger.ts');

function runChild(guarded: boolean) {
  const code = `
    const { installProcessGuard } = await import(${JSON.stringify(GUARD)});
    const { createLogger } = await import(${JSON.stringify(LOGGER)});
    const http = await import('node:http');
    if (${guarded}) installProcessGuard(createLogger({ level: 'error' }));
    const server = http.createServer((_q, res) => res.end('ok')).listen(0, '127.0.0.1', async () => {
      setTimeout(() => { throw new Error('escaped from a timer'); }, 10);
      Promise.reject(new Error('nobody awaited this'));
      await new Promise((r) => setTimeout(r, 100));
      const res = await fetch('http://127.0.0.1:' + server.address().port + '/');
      console.log('served after the errors: ' + (await res.text()));
      server.close();
    });`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('installProcessGuard', () => {
  it('logs an uncaught exception and an unhandled rejection, and the process keeps serving', () => {
    const r = runChild(true);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('served after the errors: ok');
    const lines = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { kind: string; error: string; msg: string });
    expect(lines.map((l) => [l.kind, l.error])).toEqual(
      expect.arrayContaining([
        ['uncaughtException', 'escaped from a timer'],
        ['unhandledRejection', 'nobody awaited this'],
      ]),
    );
  });

  it('is what keeps it alive: without it the same process dies', () => {
    const r = runChild(false);
    expect(r.status).not.toBe(0);
    expect(r.stdout).not.toContain('served after the errors');
  });
});
