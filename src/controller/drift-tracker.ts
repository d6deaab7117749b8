// Drift across cycles: when each job's drift was first seen, and which drifts are new or gone
// this cycle (what alerts are about). A drift whose differing values change stays one drift
// (same first-seen) but counts as new again, since people need to hear about the new values.
import type { DriftEntry } from './drift-report.js';

export interface DriftChanges {
  /** Drift not seen before, or whose differing values changed. */
  opened: DriftEntry[];
  /** Drift seen last cycle and gone now. */
  resolved: DriftEntry[];
}

export class DriftTracker {
  private readonly active = new Map<string, DriftEntry>();

  /** Records one cycle's complete set of drifted jobs (only call it when a plan was made). */
  observe(current: readonly DriftEntry[], now: Date): DriftChanges {
    const opened: DriftEntry[] = [];
    const seen = new Set<string>();
    for (const entry of current) {
      seen.add(entry.job);
      const before = this.active.get(entry.job);
      const firstSeen = before?.firstSeen ?? entry.firstSeen ?? now.toISOString();
      const next = { ...entry, firstSeen, lastSeen: now.toISOString() };
      this.active.set(entry.job, next);
      if (!before || before.fingerprint !== entry.fingerprint) opened.push(next);
    }
    const resolved: DriftEntry[] = [];
    for (const [job, entry] of [...this.active]) {
      if (seen.has(job)) continue;
      this.active.delete(job);
      resolved.push(entry);
    }
    return { opened, resolved };
  }

  entries(): DriftEntry[] {
    return [...this.active.values()];
  }
}
