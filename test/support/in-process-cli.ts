// Runs a berth command in-process through the commander program (no build, no subprocess),
// capturing stdout and stderr and turning errors into an exit code the way the CLI does.
import { vi } from 'vitest';
import { wantsJson } from '../../src/cli/json-errors.js';
import { buildProgram, reportError } from '../../src/cli/program.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(args: string[]): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    stdout += String(c);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    stderr += String(c);
    return true;
  });
  process.exitCode = undefined;
  const argv = ['node', 'berth', ...args];
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return { code: typeof process.exitCode === 'number' ? process.exitCode : 0, stdout, stderr };
  } catch (e) {
    return { code: reportError(e, wantsJson(args)), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}
