// What `berth init` needs to know, where each answer comes from (flag or prompt), and which are
// still missing. Pure.

export interface InitAnswers {
  /** metadata.name: the ownership id tagged on everything berth creates. */
  name: string;
  region?: string;
  cluster: string;
  namePrefix: string;
  scheduleGroup: string;
  schedulerRoleArn: string;
  /** Absent only when the job is seeded from a live task definition (it carries its own). */
  executionRoleArn?: string;
  subnets: string[];
  securityGroups: string[];
}

/** Answers as far as they are known: flags, then prompts. */
export type PartialAnswers = Partial<InitAnswers>;

export interface Question {
  key: keyof InitAnswers;
  flag: string;
  prompt: string;
  /** A list answer: comma- or space-separated. */
  list?: boolean;
  /** Not needed when the job is seeded from a live task definition. */
  optionalWhenSeeded?: boolean;
  optional?: boolean;
}

/** In the order they are asked. */
export const QUESTIONS: readonly Question[] = [
  {
    key: 'name',
    flag: '--name',
    prompt: 'Name of this repository (ownership id, tagged on everything berth creates)',
  },
  { key: 'region', flag: '--region', prompt: 'AWS region (empty: from your AWS profile)', optional: true },
  { key: 'cluster', flag: '--cluster', prompt: 'ECS cluster the jobs run in (name or ARN)' },
  { key: 'namePrefix', flag: '--name-prefix', prompt: 'Prefix of task-definition families and schedules' },
  { key: 'scheduleGroup', flag: '--schedule-group', prompt: 'EventBridge Scheduler group berth owns' },
  {
    key: 'schedulerRoleArn',
    flag: '--scheduler-role-arn',
    prompt: 'IAM role EventBridge Scheduler assumes to run tasks (ARN)',
  },
  {
    key: 'executionRoleArn',
    flag: '--execution-role-arn',
    prompt: 'Task execution role (pulls images, writes logs; ARN)',
    optionalWhenSeeded: true,
  },
  {
    key: 'subnets',
    flag: '--subnet',
    prompt: 'Subnets for the tasks (subnet-…, comma-separated)',
    list: true,
  },
  {
    key: 'securityGroups',
    flag: '--security-group',
    prompt: 'Security groups for the tasks (sg-…, comma-separated)',
    list: true,
  },
];

/** A repository name from a folder name: lower case, [a-z0-9-], at most 40 characters. */
export function nameFromFolder(folder: string): string {
  const n = folder
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return n || 'jobs';
}

/** Defaults that follow from the name (asked with them pre-filled, used as-is without a terminal). */
export function derivedDefaults(a: PartialAnswers, folder: string): PartialAnswers {
  const name = a.name ?? nameFromFolder(folder);
  return { name, namePrefix: `${name}-`, scheduleGroup: `berth-${name}` };
}

/** Flags, then (without a terminal) the derived defaults for what is still open. */
export function withDefaults(a: PartialAnswers, folder: string): PartialAnswers {
  const d = derivedDefaults(a, folder);
  return {
    ...a,
    name: a.name ?? d.name,
    namePrefix: a.namePrefix ?? d.namePrefix,
    scheduleGroup: a.scheduleGroup ?? d.scheduleGroup,
  };
}

/** The questions still without an answer. */
export function missing(a: PartialAnswers, seeded: boolean): Question[] {
  return QUESTIONS.filter((q) => {
    if (q.optional || (seeded && q.optionalWhenSeeded)) return false;
    const v = a[q.key];
    return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  });
}

/** "a, b c" → ['a', 'b', 'c']. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
