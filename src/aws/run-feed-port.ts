// RunFeedPort on the SDK: the durable run feed (an SQS queue fed by an EventBridge rule for
// "ECS Task State Change" events) and the schedules' dead-letter queues. Reading takes messages
// off a queue; provisioning creates, updates and deletes the queue and the rule berth owns.
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand as TagRuleCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { FeedQueue, FeedRule, QueueMessage, RunFeedPort } from '../model/ports.js';
import { makeCaller } from './errors.js';
import { orWhenAbsent } from './error-name.js';

const QUEUE_ABSENT = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'];

export function createRunFeedPort(
  sqs: (region?: string) => SQSClient,
  events: (region?: string) => EventBridgeClient,
): RunFeedPort {
  const sqsCall = (region?: string) => makeCaller('sqs', () => sqs(region).config.region());
  const eventsCall = (region?: string) => makeCaller('events', () => events(region).config.region());

  const queueUrl = (name: string, account?: string, region?: string) =>
    orWhenAbsent(
      async () =>
        (
          await sqsCall(region)('GetQueueUrl', name, () =>
            sqs(region).send(
              new GetQueueUrlCommand({
                QueueName: name,
                ...(account ? { QueueOwnerAWSAccountId: account } : {}),
              }),
            ),
          )
        ).QueueUrl,
      undefined,
      QUEUE_ABSENT,
    );

  return {
    queueUrl,

    async receive(url, opts) {
      const region = regionOfUrl(url);
      const out = await sqsCall(region)('ReceiveMessage', url, () =>
        sqs(region).send(
          new ReceiveMessageCommand({
            QueueUrl: url,
            MaxNumberOfMessages: Math.min(10, opts?.max ?? 10),
            WaitTimeSeconds: 0,
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['SentTimestamp'],
            ...(opts?.visibilityTimeout !== undefined ? { VisibilityTimeout: opts.visibilityTimeout } : {}),
          }),
        ),
      );
      return (out.Messages ?? []).map((m): QueueMessage => ({
        id: m.MessageId ?? '',
        receiptHandle: m.ReceiptHandle ?? '',
        body: m.Body ?? '',
        sentAt: m.Attributes?.SentTimestamp ? Number(m.Attributes.SentTimestamp) : undefined,
        attributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue ?? '']),
        ),
      }));
    },

    async deleteMessages(url, receiptHandles) {
      const region = regionOfUrl(url);
      for (let i = 0; i < receiptHandles.length; i += 10) {
        const batch = receiptHandles.slice(i, i + 10);
        await sqsCall(region)('DeleteMessageBatch', url, () =>
          sqs(region).send(
            new DeleteMessageBatchCommand({
              QueueUrl: url,
              Entries: batch.map((h, n) => ({ Id: String(n), ReceiptHandle: h })),
            }),
          ),
        );
      }
    },

    async getQueue(name) {
      const url = await queueUrl(name);
      if (!url) return undefined;
      const call = sqsCall();
      const attrs = await call('GetQueueAttributes', name, () =>
        sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })),
      );
      const tags = await call('ListQueueTags', name, () =>
        sqs().send(new ListQueueTagsCommand({ QueueUrl: url })),
      );
      return {
        url,
        arn: attrs.Attributes?.QueueArn ?? '',
        attributes: attrs.Attributes ?? {},
        tags: tags.Tags ?? {},
      } satisfies FeedQueue;
    },

    async createQueue(name, attributes, tags) {
      const out = await sqsCall()('CreateQueue', name, () =>
        sqs().send(new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags })),
      );
      return out.QueueUrl ?? '';
    },

    async setQueueAttributes(url, attributes) {
      await sqsCall()('SetQueueAttributes', url, () =>
        sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes })),
      );
    },

    async tagQueue(url, tags) {
      await sqsCall()('TagQueue', url, () => sqs().send(new TagQueueCommand({ QueueUrl: url, Tags: tags })));
    },

    async deleteQueue(url) {
      await sqsCall()('DeleteQueue', url, () => sqs().send(new DeleteQueueCommand({ QueueUrl: url })));
    },

    async getRule(name) {
      const call = eventsCall();
      const rule = await orWhenAbsent(
        () => call('DescribeRule', name, () => events().send(new DescribeRuleCommand({ Name: name }))),
        undefined,
      );
      if (!rule?.Arn) return undefined;
      const tags = await call('ListTagsForResource', name, () =>
        events().send(new ListTagsForResourceCommand({ ResourceARN: rule.Arn })),
      );
      const targets = await call('ListTargetsByRule', name, () =>
        events().send(new ListTargetsByRuleCommand({ Rule: name })),
      );
      return {
        arn: rule.Arn,
        pattern: rule.EventPattern ?? '',
        state: rule.State ?? '',
        tags: Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
        targets: (targets.Targets ?? []).map((t) => ({ id: t.Id ?? '', arn: t.Arn ?? '' })),
      } satisfies FeedRule;
    },

    async putRule(name, pattern, description, tags) {
      const out = await eventsCall()('PutRule', name, () =>
        events().send(
          new PutRuleCommand({
            Name: name,
            EventPattern: pattern,
            State: 'ENABLED',
            Description: description,
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        ),
      );
      return out.RuleArn ?? '';
    },

    async tagRule(arn, tags) {
      await eventsCall()('TagResource', arn, () =>
        events().send(
          new TagRuleCommand({
            ResourceARN: arn,
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        ),
      );
    },

    async putTarget(rule, id, arn) {
      await eventsCall()('PutTargets', rule, () =>
        events().send(new PutTargetsCommand({ Rule: rule, Targets: [{ Id: id, Arn: arn }] })),
      );
    },

    async deleteRule(name, targetIds) {
      const call = eventsCall();
      if (targetIds.length > 0)
        await call('RemoveTargets', name, () =>
          events().send(new RemoveTargetsCommand({ Rule: name, Ids: targetIds })),
        );
      await call('DeleteRule', name, () => events().send(new DeleteRuleCommand({ Name: name })));
    },
  };
}

/** https://sqs.eu-west-1.amazonaws.com/123/name → eu-west-1 (undefined for other shapes: the default region). */
function regionOfUrl(url: string): string | undefined {
  return /^https?:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(url)?.[1];
}
