// Standing problems across cycles (a conflict, a refused prune, a failing apply): which are
// current, since when, and which ended this cycle, so each ending sends one "resolved" alert.
// Drift keeps its own tracker (drift-tracker.ts), which also feeds the drift report.
import type { Alert } from '../notify/alert.js';

export interface Condition {
  /** What it is about, stable across cycles: "conflict:<message>", "prune", "apply:<job>". */
  key: string;
  /** The alert raised for it this cycle (its fingerprint is what dedupe and forget use). */
  alert: Alert;
}

export interface ActiveCondition extends Condition {
  since: string;
}

export class ConditionTracker {
  private readonly active = new Map<string, ActiveCondition>();

  /** Records one planned cycle's complete set of conditions; returns those that ended. */
  observe(current: readonly Condition[], now: Date): ActiveCondition[] {
    const seen = new Set<string>();
    for (const c of current) {
      seen.add(c.key);
      const since = this.active.get(c.key)?.since ?? now.toISOString();
      this.active.set(c.key, { ...c, since });
    }
    const ended: ActiveCondition[] = [];
    for (const [key, c] of [...this.active]) {
      if (seen.has(key)) continue;
      this.active.delete(key);
      ended.push(c);
    }
    return ended;
  }

  entries(): ActiveCondition[] {
    return [...this.active.values()];
  }
}
