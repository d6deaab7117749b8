// Task-definition ARNs: arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>.

export function parseTaskDefinitionArn(arn: string): { family: string; revision: number } | undefined {
  const m = /task-definition\/([^:/]+):(\d+)$/.exec(arn);
  return m?.[1] && m[2] ? { family: m[1], revision: Number(m[2]) } : undefined;
}

/** By family (code-unit order, like AWS), then revision numerically: oldest first. */
export function compareRevisionArns(a: string, b: string): number {
  const pa = parseTaskDefinitionArn(a);
  const pb = parseTaskDefinitionArn(b);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  if (pa.family !== pb.family) return pa.family < pb.family ? -1 : 1;
  return pa.revision - pb.revision;
}
