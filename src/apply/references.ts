// The revisions schedules point at, kept current as apply moves schedules: the guard
// that stops apply from deregistering a revision any schedule still uses. Schedules of other
// groups berth owns (renames) count too, named "group/name" as plans name them.
import type { LiveState } from '../model/live.js';
import { scheduleKey } from '../plan/moves.js';
import { revisionKey } from '../plan/revisions.js';

export class ScheduleReferences {
  private readonly byName = new Map<string, string>();

  constructor(live: LiveState) {
    const configured = live.group.name;
    for (const s of [...Object.values(live.schedules), ...(live.previous?.schedules ?? [])]) {
      const arn = s.description.Target?.EcsParameters?.TaskDefinitionArn;
      if (arn) this.byName.set(scheduleKey(s, configured), arn);
    }
  }

  set(schedule: string, arn: string): void {
    this.byName.set(schedule, arn);
  }

  delete(schedule: string): void {
    this.byName.delete(schedule);
  }

  snapshot(): ReadonlySet<string> {
    return new Set(this.byName.values());
  }

  /** Schedules pointing at this revision (family:N), by name. */
  pointingAt(key: string): string[] {
    return [...this.byName].filter(([, arn]) => (revisionKey(arn) ?? arn) === key).map(([n]) => n);
  }
}
