// The exact AWS request/response shapes, named once. Type-only imports: no runtime
// dependency on the SDK outside src/aws (house rule: only src/aws talks to AWS).
export type {
  RegisterTaskDefinitionCommandInput as TaskDefinitionInput,
  TaskDefinition as LiveTaskDefinitionDescription,
  ContainerDefinition,
  Tag as EcsTag,
  RunTaskCommandInput as RunTaskInput,
  Task as EcsTask,
} from '@aws-sdk/client-ecs';
export type {
  CreateScheduleCommandInput as ScheduleInput,
  GetScheduleCommandOutput as LiveScheduleDescription,
  ScheduleSummary,
} from '@aws-sdk/client-scheduler';
