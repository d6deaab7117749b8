// Actions berth needs that IAM cannot scope to a resource: the Service Authorization Reference
// lists no resource type for them, so a statement granting them must say "Resource": "*".
// Every other action berth is granted is limited to berth's own ARNs.

export const UNSCOPED_ACTIONS: Readonly<Record<string, string>> = {
  'ecs:ListTaskDefinitions':
    'List action without resource types; berth filters the listing to its name prefix itself (ECS matches familyPrefix exactly, not as a prefix)',
  'ecs:ListTaskDefinitionFamilies':
    'List action without resource types; berth lists the families under its name prefix (familyPrefix is a real prefix there)',
  'ecs:DescribeTaskDefinition': 'no resource types in the reference (read only)',
  'ecs:DeregisterTaskDefinition':
    'no resource types in the reference; berth deregisters only revisions of families it owns (ownership tags checked by the planner)',
  'scheduler:ListScheduleGroups':
    'List action without resource types; berth keeps only the groups tagged as its own (berth:owner)',
  'ecs:ListTasks':
    'its only resource type is container-instance, which Fargate tasks have none of; the statement is limited to berth\u2019s clusters by the ecs:cluster condition',
  'scheduler:ListSchedules':
    'List action without resource types; berth lists only its own schedule group (GroupName parameter)',
};
