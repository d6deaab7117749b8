// Small plan and desired-state pieces for controller unit tests.
import type { DesiredJob } from '../../../src/model/desired.js';
import type { FieldChange, JobPlan, PlanAction, SyncStatus } from '../../../src/model/plan.js';

export function jobPlan(
  job: string,
  status: SyncStatus,
  changes: FieldChange[] = [],
  kind: PlanAction['kind'] = 'update',
): JobPlan {
  const actions: PlanAction[] =
    status === 'InSync' && changes.length === 0
      ? [{ kind: 'noop', resource: 'schedule', job, name: `p-${job}`, changes: [] }]
      : [{ kind, resource: 'schedule', job, name: `p-${job}`, changes }];
  return { job, status, actions, file: `jobs/${job}.yaml` };
}

export function desiredJob(name: string, over: Partial<DesiredJob> = {}): DesiredJob {
  return {
    name,
    family: `p-${name}`,
    scheduleName: `p-${name}`,
    source: { file: `jobs/${name}.yaml`, document: 0, line: 1, column: 1 },
    taskDefinition: { family: `p-${name}`, containerDefinitions: [{ name: 'main', image: 'busybox:1' }] },
    schedule: {
      Name: `p-${name}`,
      ScheduleExpression: 'cron(0 3 * * ? *)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: 'arn:cluster', RoleArn: 'arn:role' },
    },
    oneTime: false,
    contentHash: 'abc',
    sync: { suspend: false, selfHeal: false, preventDestroy: false },
    mainContainer: 'main',
    sensitiveEnv: [],
    ...over,
  };
}

export const EXPRESSION_CHANGE: FieldChange = {
  path: '/ScheduleExpression',
  before: 'cron(0 5 * * ? *)',
  after: 'cron(0 3 * * ? *)',
};
