// The lease table on DynamoDB (berth.yaml spec.lock): every write is conditional, so two
// processes can never both believe they hold a key. Loaded only when a lock is configured.
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  waitUntilTableExists,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { BerthError } from '../model/errors.js';
import type { LeaseClaim, LeasePort, LeaseRecord } from '../model/ports.js';
import { clientConfig, type AwsOptions } from './clients.js';
import { addCountingMiddleware, CallCounts } from './counting-middleware.js';
import { sdkErrorName } from './error-name.js';
import { toBerthError } from './errors.js';
import { stackOf } from './middleware-stack.js';

/** The hash key Terraform's S3 backend uses too, so one lock table can serve both. */
const KEY = 'LockID';
export const LEASE_MAX_ATTEMPTS = 3;

type Item = Record<string, AttributeValue>;

export function createLeasePort(table: string, opts: AwsOptions = {}): LeasePort {
  const client = new DynamoDBClient({
    ...clientConfig(opts),
    // A renewal has a deadline (src/lease): a few quick attempts, not minutes of backoff.
    maxAttempts: LEASE_MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
  });
  const counts = new CallCounts();
  addCountingMiddleware(stackOf(client), 'dynamodb', counts);
  const region = () => client.config.region();

  const call = async <T>(op: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw await leaseError(err, op, table, region);
    }
  };
  /** true when the write happened, the item that failed the condition otherwise. */
  const conditional = async (op: string, fn: () => Promise<unknown>): Promise<true | { item?: Item }> => {
    try {
      await fn();
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return err.Item ? { item: err.Item } : {};
      throw await leaseError(err, op, table, region);
    }
  };

  return {
    table,
    region,
    calls: counts,
    async claim(record: LeaseRecord, now: number): Promise<LeaseClaim> {
      const outcome = await conditional('PutItem', () =>
        client.send(
          new PutItemCommand({
            TableName: table,
            Item: toItem(record),
            ConditionExpression: 'attribute_not_exists(#k) OR ExpiresAt < :now OR Holder = :me',
            ExpressionAttributeNames: { '#k': KEY },
            ExpressionAttributeValues: { ':now': num(now), ':me': { S: record.holder } },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      if (outcome === true) return { acquired: true };
      return {
        acquired: false,
        current: outcome.item ? fromItem(outcome.item) : await this.read(record.key),
      };
    },
    async renew(key, holder, expiresAt) {
      const outcome = await conditional('UpdateItem', () =>
        client.send(
          new UpdateItemCommand({
            TableName: table,
            Key: { [KEY]: { S: key } },
            UpdateExpression: 'SET ExpiresAt = :exp',
            ConditionExpression: 'Holder = :me',
            ExpressionAttributeValues: { ':exp': num(expiresAt), ':me': { S: holder } },
          }),
        ),
      );
      return outcome === true;
    },
    async release(key, holder) {
      const outcome = await conditional('DeleteItem', () =>
        client.send(
          new DeleteItemCommand({
            TableName: table,
            Key: { [KEY]: { S: key } },
            ConditionExpression: 'Holder = :me',
            ExpressionAttributeValues: { ':me': { S: holder } },
          }),
        ),
      );
      return outcome === true;
    },
    async read(key) {
      const out = await call('GetItem', () =>
        client.send(
          new GetItemCommand({ TableName: table, Key: { [KEY]: { S: key } }, ConsistentRead: true }),
        ),
      );
      return out.Item ? fromItem(out.Item) : undefined;
    },
    async createTable() {
      try {
        await call('CreateTable', () =>
          client.send(
            new CreateTableCommand({
              TableName: table,
              AttributeDefinitions: [{ AttributeName: KEY, AttributeType: 'S' }],
              KeySchema: [{ AttributeName: KEY, KeyType: 'HASH' }],
              BillingMode: 'PAY_PER_REQUEST',
              Tags: [{ Key: 'berth:managed-by', Value: 'berth' }],
            }),
          ),
        );
      } catch (err) {
        if (sdkErrorName(err) === 'ResourceInUseException') return 'exists';
        throw err;
      }
      await call('DescribeTable', () =>
        waitUntilTableExists({ client, maxWaitTime: 120 }, { TableName: table }),
      );
      return 'created';
    },
  };
}

const num = (n: number): AttributeValue => ({ N: String(Math.round(n)) });

function toItem(r: LeaseRecord): Item {
  return {
    [KEY]: { S: r.key },
    Holder: { S: r.holder },
    Purpose: { S: r.purpose },
    Host: { S: r.host },
    Pid: num(r.pid),
    Owner: { S: r.owner },
    AcquiredAt: num(r.acquiredAt),
    ExpiresAt: num(r.expiresAt),
  };
}

function fromItem(item: Item): LeaseRecord {
  const s = (k: string) => item[k]?.S ?? '';
  const n = (k: string) => Number(item[k]?.N ?? 0);
  return {
    key: s(KEY),
    holder: s('Holder'),
    purpose: s('Purpose'),
    host: s('Host'),
    pid: n('Pid'),
    owner: s('Owner'),
    acquiredAt: n('AcquiredAt'),
    expiresAt: n('ExpiresAt'),
  };
}

/** A missing table or missing permissions get a message that says how to fix them. */
async function leaseError(
  err: unknown,
  op: string,
  table: string,
  region: () => Promise<string>,
): Promise<BerthError> {
  const r = await region().catch(() => undefined);
  const mapped = toBerthError(err, { op: `dynamodb:${op}`, ...(r ? { region: r } : {}) });
  const where = r ? ` in ${r}` : '';
  if (mapped.code === 'NotFound' && op !== 'CreateTable') {
    return new BerthError('NotFound', `lock table "${table}" does not exist${where}`, {
      cause: err,
      hint: 'create it with `berth lock init` (a DynamoDB table with string hash key LockID), or point spec.lock.table / BERTH_LOCK_TABLE at an existing one; --no-lock runs without the lease',
    });
  }
  if (mapped.code === 'AccessDenied') {
    return new BerthError('AccessDenied', `lock table "${table}"${where}: ${mapped.message}`, {
      cause: err,
      hint: `berth needs dynamodb:GetItem, PutItem, UpdateItem and DeleteItem on table/${table}${op === 'CreateTable' ? ' (and CreateTable, DescribeTable for `berth lock init`)' : ''}`,
    });
  }
  return mapped;
}
