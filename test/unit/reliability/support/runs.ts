// One fixed seed for every property test (printed with the figures), overridable to explore:
// BERTH_FC_SEED=<n> picks another seed, BERTH_FC_RUNS=<factor> multiplies the number of runs.
export const SEED = Number(process.env.BERTH_FC_SEED ?? 20240601);

export function propertyRuns(base: number): number {
  const factor = Number(process.env.BERTH_FC_RUNS ?? 1);
  return Math.max(1, Math.round(base * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}
