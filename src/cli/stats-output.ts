// `--stats`: the AWS cost of reading live state, for people and for the README's figures.
import type { LiveStats } from '../model/live.js';
import type { LookupStats } from '../model/lookups.js';

export function renderStats(stats: LiveStats, families: number, lookups?: LookupStats): string {
  const ops = Object.entries(stats.calls).sort(([a], [b]) => a.localeCompare(b));
  const total = ops.reduce((n, [, v]) => n + v, 0);
  const lines = [`AWS calls: ${total} (${families} families read)`];
  for (const [op, n] of ops) lines.push(`  ${op.padEnd(36)} ${n}`);
  lines.push(
    `cache: ${stats.cacheHits} hits, ${stats.cacheMisses} misses, ${stats.schedulesSkipped} schedules unchanged`,
  );
  if (lookups) {
    const fns = Object.entries(lookups.byFunction)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([fn, n]) => `${fn} ${n}`)
      .join(', ');
    lines.push(
      `lookups: ${lookups.uses} uses, ${lookups.resolved} resolved (${fns}), ${lookups.uses - lookups.resolved} from the run's cache, ${lookups.reads} reads, ${lookups.failed} failed`,
    );
  }
  return lines.join('\n') + '\n';
}
