// What the emulator holds, read past the fault proxy with raw clients, and the checks the
// reliability tests make of it: every job in git present once, nothing else left behind.
import { ListTaskDefinitionsCommand, type TaskDefinitionStatus } from '@aws-sdk/client-ecs';
import { GetScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { rawClients } from '../../support/aws.js';

export interface Inventory {
  /** ACTIVE revision numbers by family, ascending. */
  active: Map<string, number[]>;
  inactive: Map<string, number[]>;
  /** Schedule name → the task-definition ARN it pins. */
  schedules: Map<string, string>;
}

async function revisions(prefix: string, status: TaskDefinitionStatus): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  let nextToken: string | undefined;
  do {
    const page = await rawClients().ecs.send(
      // familyPrefix is a whole family name to ECS: list everything, keep the prefix here.
      new ListTaskDefinitionsCommand({ status, nextToken }),
    );
    for (const arn of page.taskDefinitionArns ?? []) {
      const m = /task-definition\/([^:]+):(\d+)$/.exec(arn);
      if (!m?.[1] || !m[2] || !m[1].startsWith(prefix)) continue;
      out.set(
        m[1],
        [...(out.get(m[1]) ?? []), Number(m[2])].sort((a, b) => a - b),
      );
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

export async function inventory(prefix: string, group: string): Promise<Inventory> {
  const { scheduler } = rawClients();
  const names: string[] = [];
  let next: string | undefined;
  do {
    const page = await scheduler.send(new ListSchedulesCommand({ GroupName: group, NextToken: next }));
    names.push(...(page.Schedules ?? []).map((s) => s.Name ?? ''));
    next = page.NextToken;
  } while (next);
  const schedules = new Map<string, string>();
  await Promise.all(
    names.map(async (name) => {
      const s = await scheduler.send(new GetScheduleCommand({ GroupName: group, Name: name }));
      schedules.set(name, s.Target?.EcsParameters?.TaskDefinitionArn ?? '');
    }),
  );
  return {
    active: await revisions(prefix, 'ACTIVE'),
    inactive: await revisions(prefix, 'INACTIVE'),
    schedules,
  };
}

/**
 * Problems with `inv` for these jobs (family = schedule name = prefix + job): a job without
 * its schedule or ACTIVE revision, a schedule pinning anything but the newest ACTIVE revision,
 * more ACTIVE revisions than `maxActive(job)`, and families or schedules of no job (orphans).
 */
export function problems(
  inv: Inventory,
  prefix: string,
  jobs: readonly string[],
  maxActive: (job: string) => number,
): string[] {
  const out: string[] = [];
  const wanted = new Set(jobs.map((j) => `${prefix}${j}`));
  for (const job of jobs) {
    const name = `${prefix}${job}`;
    const active = inv.active.get(name) ?? [];
    const pin = inv.schedules.get(name);
    if (active.length === 0) out.push(`${name}: no ACTIVE revision`);
    if (active.length > maxActive(job))
      out.push(`${name}: ${active.length} ACTIVE revisions ${active.join(',')}`);
    if (pin === undefined) out.push(`${name}: no schedule`);
    else if (!pin.endsWith(`task-definition/${name}:${active[active.length - 1]}`))
      out.push(`${name}: schedule pins ${pin}, newest ACTIVE is ${active[active.length - 1]}`);
  }
  for (const f of inv.active.keys()) if (!wanted.has(f)) out.push(`orphan family ${f}`);
  for (const s of inv.schedules.keys()) if (!wanted.has(s)) out.push(`orphan schedule ${s}`);
  return out;
}

/** Seconds with one decimal, for [figures] lines. */
export const secs = (ms: number) => (ms / 1000).toFixed(1);
