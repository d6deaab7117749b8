// The reads lookups make: SSM parameters (GetParameters, never decrypted), Terraform state in
// S3 (GetObject) and CloudFormation stack outputs (DescribeStacks). The clients are imported on
// first use: a repository without lookups never loads them.
import type { LookupPorts, SsmParameter } from '../model/ports.js';
import { clientConfig, type AwsOptions } from './clients.js';
import { addCountingMiddleware, type CallCounts } from './counting-middleware.js';
import { sdkErrorName } from './error-name.js';
import { makeCaller } from './errors.js';
import { stackOf } from './middleware-stack.js';
import { addRateLimitMiddleware, type RateLimiter } from './rate-limit.js';

/** GetParameters takes at most 10 names per call. */
const SSM_BATCH = 10;
/** A state file larger than this is refused unread (state files are KiB to a few MiB). */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

export function createLookupPorts(opts: AwsOptions, counts: CallCounts, limiter: RateLimiter): LookupPorts {
  const made = new Map<string, Promise<unknown>>();
  const config = (region?: string) => clientConfig(opts, region);
  const client = <C extends { middlewareStack: unknown }>(
    service: string,
    region: string | undefined,
    build: () => Promise<C>,
  ): Promise<C> => {
    const key = `${service}@${region ?? ''}`;
    let c = made.get(key) as Promise<C> | undefined;
    if (!c) {
      c = build().then((client) => {
        addCountingMiddleware(stackOf(client), service, counts);
        addRateLimitMiddleware(stackOf(client), service, limiter);
        return client;
      });
      made.set(key, c);
    }
    return c;
  };
  const ssm = (region?: string) =>
    client('ssm', region, async () => new (await import('@aws-sdk/client-ssm')).SSMClient(config(region)));
  const s3 = () =>
    client('s3', undefined, async () => {
      const { S3Client } = await import('@aws-sdk/client-s3');
      // A state bucket may live in another region than the jobs: follow S3's redirect.
      return new S3Client({ ...config(), followRegionRedirects: true });
    });
  const cfn = (region?: string) =>
    client(
      'cloudformation',
      region,
      async () => new (await import('@aws-sdk/client-cloudformation')).CloudFormationClient(config(region)),
    );

  return {
    async getParameters(names, region) {
      const c = await ssm(region);
      const { GetParametersCommand } = await import('@aws-sdk/client-ssm');
      const call = makeCaller('ssm', () => c.config.region());
      const found: SsmParameter[] = [];
      const missing: string[] = [];
      for (let i = 0; i < names.length; i += SSM_BATCH) {
        const batch = names.slice(i, i + SSM_BATCH);
        const out = await call('GetParameters', batch[0], () =>
          c.send(new GetParametersCommand({ Names: batch, WithDecryption: false })),
        );
        for (const p of out.Parameters ?? [])
          // A name written as an ARN comes back under its ARN; a plain name under its name.
          found.push({
            name: batch.find((n) => n === p.ARN) ?? p.Name ?? '',
            type: p.Type ?? 'String',
            value: p.Value ?? '',
          });
        missing.push(...(out.InvalidParameters ?? []));
      }
      return { found, missing };
    },
    async getObject(bucket, key) {
      const c = await s3();
      const { GetObjectCommand } = await import('@aws-sdk/client-s3');
      const call = makeCaller('s3', () => c.config.region());
      try {
        const out = await call('GetObject', `s3://${bucket}/${key}`, () =>
          c.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
        );
        if ((out.ContentLength ?? 0) > MAX_STATE_BYTES)
          throw new Error(`s3://${bucket}/${key} is larger than ${MAX_STATE_BYTES} bytes`);
        return (await out.Body?.transformToString('utf8')) ?? '';
      } catch (err) {
        const name = sdkErrorName((err as { cause?: unknown }).cause) ?? sdkErrorName(err);
        if (name === 'NoSuchKey' || name === 'NoSuchBucket' || name === 'NotFound') return undefined;
        throw err;
      }
    },
    async stackOutputs(stack, region) {
      const c = await cfn(region);
      const { DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
      const call = makeCaller('cloudformation', () => c.config.region());
      try {
        const out = await call('DescribeStacks', stack, () =>
          c.send(new DescribeStacksCommand({ StackName: stack })),
        );
        const s = out.Stacks?.[0];
        if (!s) return undefined;
        return Object.fromEntries(
          (s.Outputs ?? []).filter((o) => o.OutputKey).map((o) => [o.OutputKey!, o.OutputValue ?? '']),
        );
      } catch (err) {
        // CloudFormation says "Stack with id X does not exist" as a ValidationError.
        const cause = (err as { cause?: { message?: string } }).cause;
        if (/does not exist/i.test(cause?.message ?? '')) return undefined;
        throw err;
      }
    },
  };
}
