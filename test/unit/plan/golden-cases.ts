// Loads test/fixtures/plan/<case>/{desired,live,options}.json and compares against plan.json.
// UPDATE_GOLDEN=1 rewrites plan.json (review the diff before committing it).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DesiredState } from '../../../src/model/desired.js';
import type { LiveState } from '../../../src/model/live.js';
import type { Plan } from '../../../src/model/plan.js';
import type { PlanOptions } from '../../../src/plan/compute-plan.js';

export const PLAN_FIXTURES = join(import.meta.dirname, '../../fixtures/plan');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

export interface GoldenCase {
  name: string;
  desired: DesiredState;
  live: LiveState;
  options: PlanOptions;
  /** The recorded plan, undefined until UPDATE_GOLDEN=1 wrote one. */
  expected: Plan | undefined;
  planFile: string;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

export function loadCase(name: string): GoldenCase {
  const dir = join(PLAN_FIXTURES, name);
  const raw = existsSync(join(dir, 'options.json'))
    ? readJson<{ targets?: string[]; now?: string }>(join(dir, 'options.json'))
    : {};
  const options: PlanOptions = {
    ...(raw.targets ? { targets: raw.targets } : {}),
    ...(raw.now ? { now: new Date(raw.now) } : {}),
  };
  const planFile = join(dir, 'plan.json');
  return {
    name,
    desired: readJson(join(dir, 'desired.json')),
    live: readJson(join(dir, 'live.json')),
    options,
    expected: existsSync(planFile) ? readJson<Plan>(planFile) : undefined,
    planFile,
  };
}

export function caseNames(): string[] {
  return readdirSync(PLAN_FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The plan as it is stored: JSON round trip drops undefined fields. */
export function asStored(plan: Plan): Plan {
  return JSON.parse(JSON.stringify(plan)) as Plan;
}

export function writeGolden(file: string, plan: Plan): void {
  writeFileSync(file, JSON.stringify(plan, null, 2) + '\n');
}
