// Reads what a selection names from AWS: the schedules and rule targets in scope, the families
// they run or the selection names, and for each family the revision to import.
//   1. Scheduler: the named groups (else "default") are listed; ECS schedules are read in full.
//   2. Rules: when asked for, the event bus's scheduled rules and their ECS targets.
//   3. Selected: named items, everything in a named group or (--rules) on the bus (with a prefix:
//      what is named so), and the families under the prefix.
//   4. Each selected family gets one schedule: a selected one that runs it, else any in scope.
import pLimit, { type LimitFunction } from 'p-limit';
import type { EcsPort, EventsPort, SchedulerPort } from '../model/ports.js';
import { isEcsTarget, ruleToSchedule } from './rule-schedule.js';
import { DEFAULT_GROUP, type ImportSelection } from './selection.js';
import { parseTaskDefinitionRef, type LiveJobSource, type ScheduleSource } from './sources.js';

export interface ImportPorts {
  ecs: EcsPort;
  scheduler: SchedulerPort;
  events: EventsPort;
}

export interface SourcesRead {
  jobs: LiveJobSource[];
  /** Named things that were not found or cannot be imported, for people. */
  problems: string[];
}

const CONCURRENCY = 8;

export async function readSources(sel: ImportSelection, ports: ImportPorts): Promise<SourcesRead> {
  const problems: string[] = [];
  const limit = pLimit(CONCURRENCY);
  const matches = (name: string) => sel.prefix === undefined || name.startsWith(sel.prefix);

  // 1-2. Everything in scope.
  // Families named without a group are looked for in "default"; a rules-only import lists no group.
  const wantsFamilies = sel.families.length > 0 || sel.prefix !== undefined;
  const groups = sel.groups.length > 0 ? sel.groups : wantsFamilies ? [DEFAULT_GROUP] : [];
  const scheduled = (await Promise.all(groups.map((g) => groupSchedules(g, ports.scheduler, limit)))).flat();
  for (const s of sel.schedules) {
    if (scheduled.some((x) => isSchedule(x, s.group, s.name))) continue;
    const one = await ports.scheduler.getSchedule(s.group, s.name);
    const source = one ? schedulerSource(one) : undefined;
    if (source) scheduled.push(source);
    else
      problems.push(
        one
          ? `schedule ${s.group}/${s.name} does not run an ECS task`
          : `schedule ${s.group}/${s.name} not found`,
      );
  }
  const ruled = await ruleSources(sel, ports.events, limit, problems);

  // 3. What the selection names.
  const selected = new Set<ScheduleSource>();
  for (const s of scheduled) {
    const o = s.origin;
    if (o.kind !== 'scheduler') continue;
    const named = sel.schedules.some((x) => x.group === o.group && x.name === o.name);
    if (named || (sel.groups.includes(o.group) && matches(o.name))) selected.add(s);
  }
  for (const r of ruled) {
    const o = r.origin;
    if (o.kind === 'rule' && (sel.rules.includes(o.rule) || (sel.allRules && matches(o.rule))))
      selected.add(r);
  }
  const families = new Set<string>(sel.families);
  for (const s of selected) families.add(s.family);
  if (sel.prefix !== undefined) {
    const arns = await ports.ecs.listTaskDefinitionArns({ familyPrefix: sel.prefix, status: 'ACTIVE' });
    for (const arn of arns) {
      const f = parseTaskDefinitionRef(arn)?.family;
      if (f) families.add(f);
    }
  }

  // 4. One job per family.
  const all = [...scheduled, ...ruled];
  const jobs = await Promise.all(
    [...families].sort().map((family) =>
      limit(async () => {
        const runs = all.filter((s) => s.family === family);
        const chosen = runs.find((s) => selected.has(s)) ?? runs[0];
        return jobSource(family, chosen, runs, ports.ecs, problems);
      }),
    ),
  );
  return { jobs: jobs.filter((j): j is LiveJobSource => j !== undefined), problems };
}

function isSchedule(s: ScheduleSource, group: string, name: string): boolean {
  return s.origin.kind === 'scheduler' && s.origin.group === group && s.origin.name === name;
}

async function groupSchedules(
  group: string,
  scheduler: SchedulerPort,
  limit: LimitFunction,
): Promise<ScheduleSource[]> {
  const summaries = await scheduler.listSchedules(group);
  // The summary names the target ARN: only ECS clusters are worth a GetSchedule.
  const ecs = summaries.filter((s) => s.Name && /:ecs:[^:]*:[^:]*:cluster\//.test(s.Target?.Arn ?? ''));
  const read = await Promise.all(ecs.map((s) => limit(() => scheduler.getSchedule(group, s.Name!))));
  return read.flatMap((d) => {
    const source = d ? schedulerSource(d) : undefined;
    return source ? [source] : [];
  });
}

function schedulerSource(
  d: NonNullable<Awaited<ReturnType<SchedulerPort['getSchedule']>>>,
): ScheduleSource | undefined {
  const ref = d.Target?.EcsParameters?.TaskDefinitionArn;
  const parsed = ref ? parseTaskDefinitionRef(ref) : undefined;
  if (!parsed || !d.Name) return undefined;
  return {
    origin: { kind: 'scheduler', group: d.GroupName ?? DEFAULT_GROUP, name: d.Name },
    schedule: d,
    family: parsed.family,
    ...(parsed.revision !== undefined ? { revision: parsed.revision } : {}),
    notes: [],
  };
}

async function ruleSources(
  sel: ImportSelection,
  events: EventsPort,
  limit: LimitFunction,
  problems: string[],
): Promise<ScheduleSource[]> {
  if (!sel.allRules && sel.rules.length === 0) return [];
  const bus = sel.eventBusName;
  const rules = sel.allRules ? await events.listRules({ eventBusName: bus }) : [];
  for (const name of sel.rules) {
    if (rules.some((r) => r.name === name)) continue;
    const rule = await events.getRule(name, bus);
    if (rule) rules.push(rule);
    else problems.push(`EventBridge rule ${name} not found on event bus ${bus}`);
  }
  const out = await Promise.all(
    rules.map((rule) =>
      limit(async () => {
        const named = sel.rules.includes(rule.name);
        if (!rule.scheduleExpression) {
          if (named)
            problems.push(`EventBridge rule ${rule.name} reacts to events, not a schedule: not imported`);
          return [];
        }
        const targets = (await events.listTargets(rule.name, bus)).filter(isEcsTarget);
        if (named && targets.length === 0) problems.push(`EventBridge rule ${rule.name} has no ECS target`);
        return targets.flatMap((t) => ruleToSchedule(rule, t) ?? []);
      }),
    ),
  );
  return out.flat();
}

async function jobSource(
  family: string,
  chosen: ScheduleSource | undefined,
  runs: ScheduleSource[],
  ecs: EcsPort,
  problems: string[],
): Promise<LiveJobSource | undefined> {
  const active = await ecs.listTaskDefinitionArns({ family, status: 'ACTIVE' });
  const latest = active[active.length - 1];
  if (!latest) {
    problems.push(`task-definition family ${family} has no ACTIVE revision`);
    return undefined;
  }
  const pinned =
    chosen?.revision !== undefined
      ? active.find((a) => a.endsWith(`/${family}:${chosen.revision}`))
      : undefined;
  if (chosen?.revision !== undefined && !pinned)
    problems.push(
      `${family}:${chosen.revision}, which the schedule runs, is not ACTIVE: importing the latest revision instead`,
    );
  const arn = pinned ?? latest;
  const described = await ecs.describeTaskDefinition(arn);
  if (!described) {
    problems.push(`${arn} could not be read`);
    return undefined;
  }
  return {
    family,
    revisionArn: arn,
    revision: parseTaskDefinitionRef(arn)?.revision ?? 0,
    active,
    taskDefinition: described.taskDefinition,
    tags: described.tags,
    ...(chosen ? { schedule: chosen } : {}),
    otherSchedules: runs.filter((s) => s !== chosen).map((s) => s.origin),
  };
}
