// One live job → the manifest text to write and what writing it means: the round trip says
// whether the first apply leaves the job as it is; ownership says whether berth may take it.
import { ownershipOf } from '../live/ownership.js';
import type { InputFile } from '../manifests/index.js';
import type { DesiredJob } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { changeLine } from '../report/plan-format.js';
import { toManifest, type ConvertContext } from './manifest.js';
import { roundTrip, type RoundTrip } from './round-trip.js';
import { describeOrigin, type LiveJobSource } from './sources.js';
import { manifestYaml } from './yaml-text.js';

export type ImportOutcome = 'written' | 'unchanged' | 'exists' | 'blocked' | 'skipped';

export interface ImportedJob {
  name: string;
  /** Job file relative to the repository root. */
  file: string;
  source: LiveJobSource;
  yaml?: string;
  desired?: DesiredJob;
  notes: string[];
  /** Field changes the first apply would make (task definition and schedule), as lines. */
  changes: string[];
  diagnostics: Diagnostic[];
  role?: RoundTrip['role'];
  outcome: ImportOutcome;
  reason?: string;
}

export interface CandidateContext extends ConvertContext {
  configFile: InputFile;
  jobsDir: string;
  now: Date;
  allowChanges: boolean;
  /** Jobs already in the repository: name → file. */
  existing: Map<string, string>;
}

/** Everything but the file system: outcome 'written' here means "ready to write". */
export function importCandidate(source: LiveJobSource, ctx: CandidateContext): ImportedJob {
  const converted = toManifest(source, ctx);
  const name = converted.name;
  const file = `${ctx.jobsDir.replace(/\/+$/, '')}/${name}.yaml`;
  const base = { name, file, source, notes: converted.notes, changes: [], diagnostics: [] };
  const owner = ctx.config.metadata.name;
  const own = ownershipOf(source.tags, owner);
  if (own.kind === 'foreign')
    return {
      ...base,
      outcome: 'skipped',
      reason: `family ${source.family} belongs to berth installation "${own.owner}"`,
    };
  const elsewhere = ctx.existing.get(name);
  if (elsewhere !== undefined && elsewhere !== file)
    return { ...base, outcome: 'skipped', reason: `job ${name} is already defined in ${elsewhere}` };

  const yaml = manifestYaml(converted.manifest, header(source));
  const trip = roundTrip({ config: ctx.configFile, file, yaml, source, region: ctx.region, now: ctx.now });
  const changes = [
    ...trip.taskDefinition.map((c) => `task definition ${changeLine(c)}`),
    ...trip.schedule.map((c) => `schedule ${changeLine(c)}`),
  ];
  const job: ImportedJob = {
    ...base,
    yaml,
    changes,
    diagnostics: trip.diagnostics,
    ...(trip.desired ? { desired: trip.desired } : {}),
    ...(trip.role ? { role: trip.role } : {}),
    outcome: 'written',
  };
  const errors = trip.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !trip.desired)
    return {
      ...job,
      outcome: 'blocked',
      reason: `the manifest does not validate: ${errors.map((d) => `${d.pointer} ${d.message}`).join('; ')}`,
    };
  if (changes.length > 0 && !ctx.allowChanges)
    return {
      ...job,
      outcome: 'blocked',
      reason: `the first apply would change ${changes.length} field(s) (listed below); pass --allow-changes to write it anyway`,
    };
  return job;
}

function header(source: LiveJobSource): string[] {
  const from = `task definition ${source.family}:${source.revision}`;
  return [
    `Imported by \`berth import\` from ${from}${source.schedule ? ` and ${describeOrigin(source.schedule.origin)}` : ''}.`,
  ];
}
