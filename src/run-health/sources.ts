// Runs from beyond ECS's hour of memory. The run feed: berth's own queue of "ECS Task State
// Change" events, taken off the queue as they are read (the controller keeps them). The
// dead-letter queues of the schedules: failed invocations, read without deleting (the queue is
// the user's; a message read again is the same run, by its message id).
import type { DesiredJob, DesiredState } from '../model/desired.js';
import type { EcsPort, RunFeedPort } from '../model/ports.js';
import type { RunRecord } from '../model/runs.js';
import { recordOf, type RevisionCache } from '../runs/index.js';
import { feedQueueName } from '../runs/feed-names.js';
import { runsSettings } from '../runs/settings.js';
import { familyOfTask, taskOfEvent } from './feed-event.js';
import type { RunSource } from './watcher.js';

/** Messages read per observation at most (10 per ReceiveMessage). */
const MAX_BATCHES = 20;

export class FeedSource implements RunSource {
  readonly name = 'run-feed';

  constructor(
    private readonly feed: RunFeedPort,
    private readonly ecs: EcsPort,
    private readonly revisions: RevisionCache,
  ) {}

  async read(desired: DesiredState, now: number): Promise<RunRecord[]> {
    if (!runsSettings(desired).enabled) return [];
    const url = await this.feed.queueUrl(feedQueueName(desired.owner));
    if (!url) return [];
    const byFamily = new Map(desired.jobs.map((j) => [j.family, j]));
    const region = desired.region;
    const out: RunRecord[] = [];
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const messages = await this.feed.receive(url, { max: 10 });
      if (messages.length === 0) break;
      for (const m of messages) {
        const task = taskOfEvent(m.body);
        const job = task ? byFamily.get(familyOfTask(task) ?? '') : undefined;
        if (!task || !job) continue;
        out.push(
          await recordOf(
            this.ecs,
            task,
            { name: job.name, family: job.family, mainContainer: job.mainContainer },
            { now, ...(region ? { region } : {}) },
            this.revisions,
            'feed',
          ),
        );
      }
      await this.feed.deleteMessages(
        url,
        messages.map((m) => m.receiptHandle),
      );
    }
    return out;
  }
}

export class DeadLetterSource implements RunSource {
  readonly name = 'dead-letter';

  constructor(private readonly feed: RunFeedPort) {}

  async read(desired: DesiredState): Promise<RunRecord[]> {
    const byQueue = new Map<string, DesiredJob[]>();
    for (const j of desired.jobs) {
      const arn = j.schedule?.Target?.DeadLetterConfig?.Arn;
      if (arn) byQueue.set(arn, [...(byQueue.get(arn) ?? []), j]);
    }
    const out: RunRecord[] = [];
    for (const [arn, jobs] of byQueue) {
      const q = /^arn:[^:]+:sqs:([^:]+):(\d+):(.+)$/.exec(arn);
      if (!q) continue;
      const url = await this.feed.queueUrl(q[3]!, q[2], q[1]);
      if (!url) continue;
      for (const m of await this.feed.receive(url, { max: 10 })) {
        const scheduleArn = m.attributes.SCHEDULE_ARN ?? '';
        const job =
          jobs.find((j) => j.scheduleName && scheduleArn.endsWith(`/${j.scheduleName}`)) ??
          (jobs.length === 1 && !scheduleArn ? jobs[0] : undefined);
        if (!job) continue;
        const code = m.attributes.ERROR_CODE;
        const message = m.attributes.ERROR_MESSAGE;
        out.push(
          invocationFailure(
            job.name,
            m.id,
            m.sentAt,
            [code, message].filter(Boolean).join(': ') || 'no error given',
          ),
        );
      }
    }
    return out;
  }
}

function invocationFailure(job: string, id: string, sentAt: number | undefined, error: string): RunRecord {
  const at = sentAt ? new Date(sentAt).toISOString() : null;
  return {
    job,
    taskArn: null,
    taskDefinitionArn: null,
    trigger: 'schedule',
    startedBy: null,
    createdAt: at,
    startedAt: null,
    stoppedAt: at,
    durationSeconds: null,
    lastStatus: null,
    result: 'InvocationFailed',
    exitCode: null,
    containers: [],
    stopCode: null,
    stoppedReason: null,
    logs: [],
    source: 'dead-letter',
    error,
    invocationId: id,
  };
}
