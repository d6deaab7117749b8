// Actions the policy grants that never show up as a request of their own: IAM evaluates them
// as part of another call. A call counter (or CloudTrail's eventName) will not list them.
export const NOT_CALLED_DIRECTLY: Readonly<Record<string, string>> = {
  'iam:PassRole':
    'permission-only: checked when CreateSchedule/UpdateSchedule name Target.RoleArn and when RunTask starts a task with a task or execution role',
  'ecs:TagResource':
    'also checked as tag-on-create authorization inside RegisterTaskDefinition (ownership tags) and RunTask (run tags, condition ecs:CreateAction); for run it is never a request of its own',
};
