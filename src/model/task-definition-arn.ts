// Task-definition ARNs, arn:<partition>:ecs:<region>:<account>:task-definition/<family>:<revision>,
// parsed in one place. Pure: the plan, apply, live and aws stages all read ARNs with these.

export interface TaskDefinitionRevision {
  family: string;
  revision: number;
}

/**
 * The family and revision of a task-definition revision ARN; undefined for anything else (a
 * family ARN without revision, another resource, garbage). Any partition (aws, aws-cn,
 * aws-us-gov, …); a family is what ECS allows: up to 255 letters, digits, hyphens, underscores.
 */
const REVISION_ARN =
  /^arn:[a-z0-9-]+:ecs:[a-z0-9-]*:[^:]*:task-definition\/([A-Za-z0-9_-]{1,255}):([1-9]\d{0,9})$/;

export function parseTaskDefinitionArn(arn: string): TaskDefinitionRevision | undefined {
  const m = REVISION_ARN.exec(arn);
  return m?.[1] && m[2] ? { family: m[1], revision: Number(m[2]) } : undefined;
}

/** family:revision (how people and ECS name a revision) of a revision ARN. */
export function revisionKey(arn: string): string | undefined {
  const p = parseTaskDefinitionArn(arn);
  return p ? `${p.family}:${p.revision}` : undefined;
}

/** By family (code-unit order, like AWS), then revision numerically: oldest first. */
export function compareRevisionArns(a: string, b: string): number {
  const pa = parseTaskDefinitionArn(a);
  const pb = parseTaskDefinitionArn(b);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  if (pa.family !== pb.family) return pa.family < pb.family ? -1 : 1;
  return pa.revision - pb.revision;
}
