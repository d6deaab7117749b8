// What a plan was made for beyond the jobs: its environment, and the values its
// manifests looked up (shown resolved, with where each came from). Shared by the renderers.
import type { LookupUse } from '../model/lookups.js';
import type { Plan } from '../model/plan.js';

/**
 * "environment prod", or undefined for a repository without environments. The account and region
 * have their own line in every plan (plan-format.ts locationText).
 */
export function environmentText(plan: Pick<Plan, 'environment'>): string | undefined {
  return plan.environment !== undefined ? `environment ${plan.environment}` : undefined;
}

export interface LookupLine {
  source: string;
  value: string;
  /** "jobs/a.yaml:12:14" of the first use, and how many more there are. */
  at: string;
  more: number;
}

/** One line per distinct value and source, in the order first used. */
export function lookupLines(uses: readonly LookupUse[] | undefined): LookupLine[] {
  const lines = new Map<string, LookupLine>();
  for (const u of uses ?? []) {
    const key = `${u.source}\u0000${u.value}`;
    const known = lines.get(key);
    if (known) known.more += 1;
    else lines.set(key, { source: u.source, value: u.value, at: `${u.file}:${u.line}:${u.column}`, more: 0 });
  }
  return [...lines.values()];
}

export function lookupLineText(l: LookupLine): string {
  return `${l.source} = ${JSON.stringify(l.value)} (${l.at}${l.more > 0 ? `, +${l.more} more` : ''})`;
}
