// Test doubles for the run stage: a clock that jumps instead of sleeping and an in-memory
// EcsPort whose tasks follow a script (statuses per DescribeTasks, then exit codes).
import type {
  EcsTask,
  LiveTaskDefinitionDescription,
  RunTaskInput,
} from '../../../../src/model/aws-types.js';
import { MANAGED_BY_VALUE, TAG } from '../../../../src/model/desired.js';
import { BerthError } from '../../../../src/model/errors.js';
import type { EcsPort } from '../../../../src/model/ports.js';
import type { Clock } from '../../../../src/run/clock.js';

export class FakeClock implements Clock {
  sleeps: number[] = [];
  constructor(public t = Date.parse('2024-06-01T10:00:00Z')) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.sleeps.push(ms);
    this.t += ms;
    await Promise.resolve();
  }
}

export interface TaskScript {
  /** lastStatus returned by successive DescribeTasks calls; the last one repeats. */
  statuses?: string[];
  /** Exit codes by container once STOPPED (a container left out reports none). */
  exitCodes?: Record<string, number>;
  stopCode?: string;
  stoppedReason?: string;
}

export interface FakeRevision {
  family: string;
  revision: number;
  tags: Record<string, string>;
  containers: { name: string; essential?: boolean; logGroup?: string; streamPrefix?: string }[];
  status?: 'ACTIVE' | 'INACTIVE';
}

const ACCOUNT_PREFIX = 'arn:aws:ecs:us-east-1:123456789012';

export function ownedTags(owner: string, hash = 'hash-1'): Record<string, string> {
  return { [TAG.managedBy]: MANAGED_BY_VALUE, [TAG.owner]: owner, [TAG.hash]: hash };
}

export class FakeEcs implements EcsPort {
  revisions: FakeRevision[] = [];
  runInputs: RunTaskInput[] = [];
  describeCalls = 0;
  /** Script for the next tasks RunTask starts (shifted per task; default: stops with exit 0). */
  scripts: TaskScript[] = [];
  defaultScript: TaskScript = { statuses: ['PROVISIONING', 'RUNNING', 'STOPPED'] };
  runFailure: { reason: string } | undefined;
  describeError: (() => Error) | undefined;
  private tasks = new Map<
    string,
    { script: TaskScript; polls: number; input: RunTaskInput; containers: string[] }
  >();
  private seq = 0;
  /** RunTask calls in flight at once, highest seen. */
  maxConcurrentRuns = 0;
  private inFlight = 0;

  arnOf(r: FakeRevision): string {
    return `${ACCOUNT_PREFIX}:task-definition/${r.family}:${r.revision}`;
  }

  async listTaskDefinitionArns(opts: {
    familyPrefix?: string;
    family?: string;
    status: 'ACTIVE' | 'INACTIVE';
  }) {
    return this.revisions
      .filter(
        (r) => (r.status ?? 'ACTIVE') === opts.status && (opts.family ? r.family === opts.family : true),
      )
      .sort((a, b) => a.revision - b.revision)
      .map((r) => this.arnOf(r));
  }

  async listTaskDefinitionFamilies(opts: { familyPrefix: string; status: 'ACTIVE' | 'INACTIVE' }) {
    const active = new Set(
      this.revisions.filter((r) => (r.status ?? 'ACTIVE') === 'ACTIVE').map((r) => r.family),
    );
    const all = new Set(this.revisions.map((r) => r.family));
    return [...all]
      .filter((f) => f.startsWith(opts.familyPrefix) && active.has(f) === (opts.status === 'ACTIVE'))
      .sort();
  }

  async describeTaskDefinition(arn: string) {
    const r = this.revisions.find((x) => this.arnOf(x) === arn);
    if (!r) return undefined;
    const taskDefinition: LiveTaskDefinitionDescription = {
      taskDefinitionArn: arn,
      family: r.family,
      revision: r.revision,
      containerDefinitions: r.containers.map((c) => ({
        name: c.name,
        image: 'img',
        ...(c.essential === undefined ? {} : { essential: c.essential }),
        ...(c.logGroup
          ? {
              logConfiguration: {
                logDriver: 'awslogs' as const,
                options: {
                  'awslogs-group': c.logGroup,
                  'awslogs-region': 'us-east-1',
                  ...(c.streamPrefix ? { 'awslogs-stream-prefix': c.streamPrefix } : {}),
                },
              },
            }
          : {}),
      })),
    };
    return { taskDefinition, tags: r.tags };
  }

  async registerTaskDefinition(): Promise<{ arn: string; revision: number }> {
    throw new Error('a run must never register a task definition');
  }
  async deregisterTaskDefinition(): Promise<void> {
    throw new Error('not used');
  }
  async deleteTaskDefinitions(): Promise<void> {
    throw new Error('not used');
  }
  async tagResource(): Promise<void> {
    throw new Error('not used');
  }
  async untagResource(): Promise<void> {
    throw new Error('not used');
  }
  async describeCluster(): Promise<string | undefined> {
    return undefined;
  }
  async listTasks(): Promise<string[]> {
    return [...this.tasks.keys()];
  }
  async stopTask(): Promise<void> {
    throw new Error('not used');
  }

  async runTask(input: RunTaskInput) {
    this.inFlight++;
    this.maxConcurrentRuns = Math.max(this.maxConcurrentRuns, this.inFlight);
    await Promise.resolve();
    this.inFlight--;
    this.runInputs.push(structuredClone(input));
    if (this.runFailure) return { tasks: [], failures: [{ reason: this.runFailure.reason }] };
    const revision = this.revisions.find((r) => this.arnOf(r) === input.taskDefinition);
    const tasks: EcsTask[] = [];
    for (let i = 0; i < (input.count ?? 1); i++) {
      const taskArn = `${ACCOUNT_PREFIX}:task/etl/task${++this.seq}`;
      const script = this.scripts.shift() ?? this.defaultScript;
      this.tasks.set(taskArn, {
        script,
        polls: 0,
        input,
        containers: revision?.containers.map((c) => c.name) ?? [],
      });
      tasks.push({ taskArn, lastStatus: 'PROVISIONING' });
    }
    return { tasks, failures: [] };
  }

  async describeTasks(_cluster: string, taskArns: string[]): Promise<EcsTask[]> {
    this.describeCalls++;
    if (this.describeError) throw this.describeError();
    return taskArns.flatMap((arn) => {
      const t = this.tasks.get(arn);
      if (!t) return [];
      const statuses = t.script.statuses ?? ['STOPPED'];
      const lastStatus = statuses[Math.min(t.polls++, statuses.length - 1)]!;
      const task: EcsTask = { taskArn: arn, lastStatus, overrides: t.input.overrides ?? {} };
      task.containers = t.containers.map((name) => ({
        name,
        lastStatus,
        ...(lastStatus === 'STOPPED' && t.script.exitCodes?.[name] !== undefined
          ? { exitCode: t.script.exitCodes[name] }
          : lastStatus === 'STOPPED' && t.script.exitCodes === undefined
            ? { exitCode: 0 }
            : {}),
      }));
      if (lastStatus === 'STOPPED') {
        if (t.script.stopCode) task.stopCode = t.script.stopCode as EcsTask['stopCode'];
        task.stoppedReason = t.script.stoppedReason ?? 'Essential container in task exited';
      }
      return [task];
    });
  }
}

export function throttled(): Error {
  return new BerthError('Throttled', 'Rate exceeded');
}
