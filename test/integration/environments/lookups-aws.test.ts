// Lookups that read AWS, against the emulator: a Terraform state in S3 and CloudFormation outputs,
// each read once however many values come from it (--stats); and assumed-role credentials
// renewed before they expire, with the role-session name that identifies berth.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallCounts, sessionName } from '../../../src/aws/index.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import {
  assumedRoleCredentials,
  callerIdentity,
  REFRESH_BEFORE_MS,
  stsClient,
} from '../../../src/aws/sts.js';
import { runBerth } from '../../support/berth-cli.js';
import { createCluster, createSecurityGroup, defaultSubnets, useEmulatorEnv } from '../../support/aws.js';
import { ACCOUNT, emulatorEndpoint, emulatorEnv, REGION, resetEmulator } from '../../support/emulator.js';
import { configYaml, jobYaml, TestRepo } from '../../support/repo.js';

const base = () => ({
  region: REGION,
  endpoint: emulatorEndpoint(),
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  forcePathStyle: true,
});
let repo: TestRepo | undefined;

beforeEach(() => resetEmulator());
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

describe('AWS lookups', () => {
  it('reads a Terraform state from S3 and CloudFormation outputs once each, counted in --stats', async () => {
    await createCluster('etl');
    const subnet = (await defaultSubnets())[0]!;
    const sg = await createSecurityGroup('etl');
    const s3 = new S3Client(base());
    await s3.send(new CreateBucketCommand({ Bucket: 'tf-state' }));
    const state = JSON.parse(await readFile('test/fixtures/lookups/terraform.tfstate', 'utf8'));
    state.outputs.private_subnet_ids.value = [subnet];
    await s3.send(
      new PutObjectCommand({ Bucket: 'tf-state', Key: 'etl/terraform.tfstate', Body: JSON.stringify(state) }),
    );
    const cfn = new CloudFormationClient(base());
    await cfn.send(
      new CreateStackCommand({
        StackName: 'network',
        TemplateBody: JSON.stringify({
          Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'etl' } } },
          Outputs: { JobsSecurityGroup: { Value: sg }, Stage: { Value: 'blue' } },
        }),
      }),
    );
    const tf = (address: string) => `'{{ tfstate "s3://tf-state/etl/terraform.tfstate" "${address}" }}'`;
    const config = configYaml({
      network: {
        subnets: [tf('output.private_subnet_ids[0]')],
        securityGroups: ['\'{{ cfn "network" "JobsSecurityGroup" }}\''],
      },
    });
    const job = (name: string) =>
      jobYaml(name).replace(
        '    STAGE: test',
        `    STAGE: '{{ cfn "network" "Stage" }}'\n    ROLE: ${tf('data.aws_iam_role.exec.arn')}`,
      );
    repo = await TestRepo.create(config, { 'a.yaml': job('a'), 'b.yaml': job('b') });
    const out = await runBerth(
      ['-C', repo.dir, 'plan', '--stats', '--no-cache', '-o', 'json'],
      emulatorEnv(),
    );
    expect(out.code, out.stderr).toBe(0);
    const plan = JSON.parse(out.stdout);
    const values = JSON.stringify(plan.lookups);
    for (const v of [subnet, sg, 'blue', 'arn:aws:iam::123456789012:role/exec']) expect(values).toContain(v);
    // 6 uses (2 in berth.yaml, 2 in each job), 4 distinct calls, one state object and one stack read.
    expect(out.stderr).toMatch(
      /lookups: 6 uses, 4 resolved \(cfn 2, tfstate 2\), 2 from the run's cache, 2 reads, 0 failed/,
    );
  });

  it('assumes the role with a session name that identifies berth, and renews it before expiry', async () => {
    const role = 'arn:aws:iam::210987654321:role/berth-deploy';
    const counts = new CallCounts();
    useEmulatorEnv();
    const sts = stsClient({ region: REGION, ...emulatorOpts() }, counts, new RateLimiter());
    let now = Date.now();
    const name = sessionName('data team', 'prod');
    expect(name).toBe('berth-data-team-prod');
    const provider = assumedRoleCredentials(sts, { arn: role, sessionName: name }, () => now);
    const first = await provider();
    await provider();
    expect(counts.snapshot()['sts:AssumeRole']).toBe(1);
    const who = await callerIdentity(
      stsClient(
        { region: REGION, ...emulatorOpts(), credentials: async () => first },
        counts,
        new RateLimiter(),
      ),
    );
    expect(who.account).toBe('210987654321');
    expect(who.arn).toContain(`assumed-role/berth-deploy/${name}`);
    // Just inside the renewal window: a new AssumeRole, new keys.
    now = first.expiration!.getTime() - REFRESH_BEFORE_MS + 1;
    const second = await provider();
    expect(counts.snapshot()['sts:AssumeRole']).toBe(2);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(ACCOUNT).not.toBe(who.account);
  });
});

/** The emulator's endpoint comes from AWS_ENDPOINT_URL (useEmulatorEnv), as for berth. */
function emulatorOpts() {
  return { credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }) };
}
