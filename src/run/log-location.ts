// Where a task's output lands: awslogs writes each container to the stream
// `<awslogs-stream-prefix>/<container>/<task id>` of its log group.
import type { LiveTaskDefinitionDescription } from '../model/aws-types.js';

export interface LogLocation {
  container: string;
  group: string;
  /** Undefined without a stream prefix: then the stream is named after the Docker container id. */
  stream?: string;
  region?: string;
  /** CloudWatch console link to the stream (or the group). */
  url?: string;
}

export function taskId(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}

/** One location per container that logs with awslogs; containers using FireLens or no driver have none. */
export function logLocations(
  td: LiveTaskDefinitionDescription,
  taskArn: string,
  fallbackRegion?: string,
): LogLocation[] {
  const out: LogLocation[] = [];
  for (const c of td.containerDefinitions ?? []) {
    const log = c.logConfiguration;
    const group = log?.options?.['awslogs-group'];
    if (log?.logDriver !== 'awslogs' || !group || !c.name) continue;
    const prefix = log.options?.['awslogs-stream-prefix'];
    const region = log.options?.['awslogs-region'] ?? fallbackRegion;
    const loc: LogLocation = { container: c.name, group };
    if (prefix) loc.stream = `${prefix}/${c.name}/${taskId(taskArn)}`;
    if (region) {
      loc.region = region;
      loc.url = consoleUrl(region, group, loc.stream);
    }
    out.push(loc);
  }
  return out;
}

/** The console's fragment encodes twice, with `$` standing for `%` ("/" → "$252F"). */
export function consoleUrl(region: string, group: string, stream?: string): string {
  const enc = (s: string) => encodeURIComponent(encodeURIComponent(s)).replaceAll('%', '$');
  const base = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${enc(group)}`;
  return stream ? `${base}/log-events/${enc(stream)}` : base;
}
