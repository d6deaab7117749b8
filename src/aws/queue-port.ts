// QueuePort on the SDK: does an SQS queue exist (GetQueueUrl; no message is read).
import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueuePort } from '../model/ports.js';
import { makeCaller } from './errors.js';
import { orWhenAbsent } from './error-name.js';

export function createQueuePort(client: (region?: string) => SQSClient): QueuePort {
  return {
    async queueExists(name, accountId, region) {
      const c = client(region);
      const call = makeCaller('sqs', () => c.config.region());
      const out = await orWhenAbsent(
        () =>
          call('GetQueueUrl', name, () =>
            c.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: accountId })),
          ),
        undefined,
        ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'],
      );
      return out?.QueueUrl !== undefined;
    },
  };
}
