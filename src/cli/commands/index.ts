// Every command, by name, loaded only when it runs: `berth plan` does not pay for the
// controller's HTTP server, metrics and git client, nor `--version` for any of them.
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export interface CommandEntry {
  /** The name the module registers (a unit test holds the two together). */
  name: string;
  load: () => Promise<{ register: RegisterCommand }>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'init', load: () => import('./init.js') },
  { name: 'validate', load: () => import('./validate.js') },
  { name: 'render', load: () => import('./render.js') },
  { name: 'plan', load: () => import('./plan.js') },
  { name: 'apply', load: () => import('./apply.js') },
  { name: 'run', load: () => import('./run.js') },
  { name: 'backfill', load: () => import('./backfill.js') },
  { name: 'diff', load: () => import('./diff.js') },
  { name: 'pr-report', load: () => import('./pr-report.js') },
  { name: 'drift', load: () => import('./drift.js') },
  { name: 'controller', load: () => import('./controller.js') },
  { name: 'verify', load: () => import('./verify.js') },
  { name: 'import', load: () => import('./import.js') },
  { name: 'iam-policy', load: () => import('./iam-policy.js') },
  { name: 'lock', load: () => import('./lock.js') },
  { name: 'completion', load: () => import('./completion.js') },
  { name: 'schedule', load: () => import('./schedule.js') },
  { name: 'runs', load: () => import('./runs.js') },
  { name: 'set-image', load: () => import('./set-image.js') },
];
