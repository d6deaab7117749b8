// SDK clients straight to the emulator (not through the counting proxy): set-up, seeding, the
// out-of-band edits the controller must detect, and the listing sizes for AWS-equivalent counts.
// None of these calls is counted against any tool.
import {
  CreateClusterCommand,
  ECSClient,
  paginateListTaskDefinitions,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { GetScheduleCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import pLimit from 'p-limit';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export interface DirectAws {
  ecs: ECSClient;
  scheduler: SchedulerClient;
}

export function directAws(endpoint: string): DirectAws {
  const config = {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  };
  return { ecs: new ECSClient(config), scheduler: new SchedulerClient(config) };
}

/** Environment that points a child process's AWS SDK (JS or Go) at `endpoint`. */
export function awsEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

export async function createCluster(aws: DirectAws, name: string): Promise<void> {
  await aws.ecs.send(new CreateClusterCommand({ clusterName: name }));
}

export async function activeRevisionCount(aws: DirectAws): Promise<number> {
  let n = 0;
  for await (const page of paginateListTaskDefinitions({ client: aws.ecs }, { status: 'ACTIVE' }))
    n += page.taskDefinitionArns?.length ?? 0;
  return n;
}

/** ACTIVE revisions of each family under the prefix. */
export async function activeRevisionsPerFamily(aws: DirectAws, prefix: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for await (const page of paginateListTaskDefinitions({ client: aws.ecs }, { status: 'ACTIVE' }))
    for (const arn of page.taskDefinitionArns ?? []) {
      const family = /task-definition\/([^:/]+):\d+$/.exec(arn)?.[1];
      if (family?.startsWith(prefix)) out.set(family, (out.get(family) ?? 0) + 1);
    }
  return out;
}

export async function registerAll(
  aws: DirectAws,
  inputs: RegisterTaskDefinitionCommandInput[],
): Promise<void> {
  const limit = pLimit(8);
  await Promise.all(inputs.map((i) => limit(() => aws.ecs.send(new RegisterTaskDefinitionCommand(i)))));
}

/** Someone edits a schedule in the console: moves it to another hour and disables it. */
export async function editScheduleOutOfBand(aws: DirectAws, group: string, name: string): Promise<void> {
  const s = await aws.scheduler.send(new GetScheduleCommand({ GroupName: group, Name: name }));
  await aws.scheduler.send(
    new UpdateScheduleCommand({
      Name: name,
      GroupName: group,
      ScheduleExpression: 'cron(0 5 * * ? *)',
      ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
      FlexibleTimeWindow: s.FlexibleTimeWindow ?? { Mode: 'OFF' },
      Target: s.Target!,
      State: 'DISABLED',
      Description: s.Description,
      ActionAfterCompletion: s.ActionAfterCompletion,
    }),
  );
}
