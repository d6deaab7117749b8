// berth.yaml spec.runs of a desired state, its defaults filled in.
import { RUNS_DEFAULTS, type DesiredState, type RunsSettings } from '../model/desired.js';

export function runsSettings(d: Pick<DesiredState, 'runs'>): RunsSettings {
  return d.runs ?? RUNS_DEFAULTS;
}
