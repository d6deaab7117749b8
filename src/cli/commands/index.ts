// Every command, by name, loaded only when it runs: `berth plan` does not pay for the
// controller's HTTP server, metrics and git client, nor `--version` for any of them.
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export interface CommandEntry {
  /** The name the module registers (a unit test holds the two together). */
  name: string;
  /** The heading `berth --help` lists it under: the commands in the order a newcomer meets them. */
  group: string;
  load: () => Promise<{ register: RegisterCommand }>;
}

// Not "no AWS changes": import --adopt tags what it adopts.
const START = 'Start a repository, check it, adopt jobs that already run:';
const CHANGE = 'Change AWS to match git, and review changes:';
const RUN = 'Run jobs and watch their runs:';
const OPERATE = 'Run berth continuously, and tooling:';

export const COMMANDS: CommandEntry[] = [
  { name: 'init', group: START, load: () => import('./init.js') },
  { name: 'validate', group: START, load: () => import('./validate.js') },
  { name: 'render', group: START, load: () => import('./render.js') },
  { name: 'verify', group: START, load: () => import('./verify.js') },
  { name: 'import', group: START, load: () => import('./import.js') },
  { name: 'iam-policy', group: START, load: () => import('./iam-policy.js') },
  { name: 'plan', group: CHANGE, load: () => import('./plan.js') },
  { name: 'apply', group: CHANGE, load: () => import('./apply.js') },
  { name: 'drift', group: CHANGE, load: () => import('./drift.js') },
  { name: 'diff', group: CHANGE, load: () => import('./diff.js') },
  { name: 'pr-report', group: CHANGE, load: () => import('./pr-report.js') },
  { name: 'set-image', group: CHANGE, load: () => import('./set-image.js') },
  { name: 'run', group: RUN, load: () => import('./run.js') },
  { name: 'backfill', group: RUN, load: () => import('./backfill.js') },
  { name: 'schedule', group: RUN, load: () => import('./schedule.js') },
  { name: 'runs', group: RUN, load: () => import('./runs.js') },
  { name: 'controller', group: OPERATE, load: () => import('./controller.js') },
  { name: 'lock', group: OPERATE, load: () => import('./lock.js') },
  { name: 'completion', group: OPERATE, load: () => import('./completion.js') },
];
