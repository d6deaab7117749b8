// The two-environment repository of the issue-17 tests: dev in us-east-1 of the account the
// credentials belong to, prod in eu-west-1 of another account reached through AssumeRole (moto
// gives assumed-role credentials the role's account), and "wrong", which claims an account the
// credentials are not for. Subnets come from SSM in each account, the security group from a
// local Terraform state.
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCOUNT, emulatorEndpoint } from '../../support/emulator.js';

export const PROD_ACCOUNT = '210987654321';
export const PROD_ROLE = `arn:aws:iam::${PROD_ACCOUNT}:role/berth-deploy`;
export const DEV_SUBNET = 'subnet-0a1b2c3d4e5f60718';
export const PROD_SUBNET = 'subnet-0f0e0d0c0b0a09080';

export const CONFIG = `apiVersion: berth/v1
kind: Config
metadata:
  name: team
spec:
  cluster: etl
  namePrefix: t-
  scheduleGroup: berth-envs
  defaults:
    task:
      launchType: FARGATE
      cpu: 256
      memory: 512
    network:
      subnets: ['{{ ssm "/etl/subnet" }}']
      securityGroups: ['{{ tfstate "infra/terraform.tfstate" "module.network.aws_security_group.jobs.id" }}']
  environments:
    dev:
      region: us-east-1
      account: "${ACCOUNT}"
      schedulerRoleArn: arn:aws:iam::${ACCOUNT}:role/berth-scheduler
      defaults:
        task:
          executionRoleArn: arn:aws:iam::${ACCOUNT}:role/exec
      jobs:
        exclude: [prod-only-*]
    prod:
      region: eu-west-1
      account: "${PROD_ACCOUNT}"
      role: ${PROD_ROLE}
      schedulerRoleArn: arn:aws:iam::${PROD_ACCOUNT}:role/berth-scheduler
      defaults:
        task:
          executionRoleArn: arn:aws:iam::${PROD_ACCOUNT}:role/exec
    wrong:
      region: us-east-1
      account: "999999999999"
      schedulerRoleArn: arn:aws:iam::999999999999:role/berth-scheduler
      defaults:
        task:
          executionRoleArn: arn:aws:iam::999999999999:role/exec
`;

export const job = (name: string, image = '1.36') => `apiVersion: berth/v1
kind: Job
metadata:
  name: ${name}
spec:
  image: public.ecr.aws/docker/library/busybox:${image}
  run:
    command: [echo, hi]
  schedule:
    expression: cron(0 3 * * ? *)
  environments:
    prod:
      schedule:
        expression: cron(0 5 * * ? *)
`;

export const endpoint = () => emulatorEndpoint();
export const base = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
};

export async function prodCredentials() {
  const sts = new STSClient({ ...base, endpoint: endpoint() });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: PROD_ROLE, RoleSessionName: 'test-setup' }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

export async function putParameter(
  region: string,
  credentials: typeof base.credentials,
  name: string,
  value: string,
  type: 'String' | 'SecureString' = 'String',
) {
  const ssm = new SSMClient({ region, credentials, endpoint: endpoint() });
  await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true }));
}

export async function scheduleNames(region: string, credentials: typeof base.credentials): Promise<string[]> {
  const s = new SchedulerClient({ region, credentials, endpoint: endpoint() });
  const out = await s
    .send(new ListSchedulesCommand({ GroupName: 'berth-envs' }))
    .catch(() => ({ Schedules: [] }));
  return (out.Schedules ?? []).map((x) => x.Name ?? '').sort();
}
