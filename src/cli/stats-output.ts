// `--stats`: the AWS cost of reading live state, for people and for the README's figures.
import type { LiveStats } from '../model/live.js';

export function renderStats(stats: LiveStats, families: number): string {
  const ops = Object.entries(stats.calls).sort(([a], [b]) => a.localeCompare(b));
  const total = ops.reduce((n, [, v]) => n + v, 0);
  const lines = [`AWS calls: ${total} (${families} families read)`];
  for (const [op, n] of ops) lines.push(`  ${op.padEnd(36)} ${n}`);
  lines.push(
    `cache: ${stats.cacheHits} hits, ${stats.cacheMisses} misses, ${stats.schedulesSkipped} schedules unchanged`,
  );
  return lines.join('\n') + '\n';
}
