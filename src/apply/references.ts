// The revisions schedules point at, kept current as apply moves schedules: the guard
// that stops apply from deregistering a revision any schedule still uses.
import type { LiveState } from '../model/live.js';

export class ScheduleReferences {
  private readonly byName = new Map<string, string>();

  constructor(live: LiveState) {
    for (const s of Object.values(live.schedules)) {
      const arn = s.description.Target?.EcsParameters?.TaskDefinitionArn;
      if (arn) this.byName.set(s.name, arn);
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
}
