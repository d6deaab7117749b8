// What the figures were measured on, and with which versions.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { emulatorVersions } from './emulator.js';

const run = promisify(execFile);

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews wall times. */
  loadAverage: number;
}

export interface Versions {
  berth: string;
  node: string;
  python: string;
  moto: string;
  go: string;
  ecschedule?: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export async function versions(root: string): Promise<Versions> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const commit = await output('git', ['-C', root, 'rev-parse', '--short', 'HEAD']);
  const dirty = (await output('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no']))
    ? '+changes'
    : '';
  const emu = await emulatorVersions(root).catch(() => ({ python: '?', moto: '?' }));
  const go = (await output('go', ['version'])).replace(/^go version /, '') || 'not installed';
  return { berth: `${pkg.version} (${commit || '?'}${dirty})`, node: process.version, ...emu, go };
}

async function output(bin: string, args: string[]): Promise<string> {
  try {
    return (await run(bin, args)).stdout.trim();
  } catch {
    return '';
  }
}
