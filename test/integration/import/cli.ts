// berth commands in-process (no build, no subprocess), as the import tests call them.
import { runInProcess, type InProcessRun } from '../../support/in-process-cli.js';

export type CliRun = InProcessRun;

export function berth(...args: string[]): Promise<CliRun> {
  return runInProcess(args);
}
