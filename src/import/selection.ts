// What to import, as the command line names it: families, a name prefix, Scheduler groups or
// schedules, classic EventBridge rules.

export interface ImportSelection {
  /** Task-definition families by exact name. */
  families: string[];
  /** Families, schedules and rules whose names start with this. */
  prefix?: string;
  /** Scheduler groups: every ECS schedule in them is imported (and they are searched for schedules of the families). */
  groups: string[];
  schedules: { group: string; name: string }[];
  /** Classic EventBridge rules by name. */
  rules: string[];
  /** Every scheduled rule with an ECS target (with prefix: those named so). */
  allRules: boolean;
  eventBusName: string;
}

export const DEFAULT_GROUP = 'default';

/** "group/name" or "name" (the default group). */
export function parseScheduleArg(arg: string): { group: string; name: string } {
  const i = arg.indexOf('/');
  return i > 0 ? { group: arg.slice(0, i), name: arg.slice(i + 1) } : { group: DEFAULT_GROUP, name: arg };
}

export function isEmptySelection(s: ImportSelection): boolean {
  return (
    s.families.length === 0 &&
    s.prefix === undefined &&
    s.groups.length === 0 &&
    s.schedules.length === 0 &&
    s.rules.length === 0 &&
    !s.allRules
  );
}
