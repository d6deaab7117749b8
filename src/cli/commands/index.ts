// Every command registers itself on the program; one line per command.
import type { Command } from 'commander';
import { register as apply } from './apply.js';
import { register as backfill } from './backfill.js';
import { register as controller } from './controller.js';
import { register as diff } from './diff.js';
import { register as drift } from './drift.js';
import { register as importJobs } from './import.js';
import { register as plan } from './plan.js';
import { register as prReport } from './pr-report.js';
import { register as render } from './render.js';
import { register as run } from './run.js';
import { register as validate } from './validate.js';
import { register as verify } from './verify.js';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  validate,
  render,
  plan,
  apply,
  run,
  backfill,
  diff,
  prReport,
  drift,
  controller,
  verify,
  importJobs,
];
