// Everything a job can refer to, created through the SDK: roles with their trust policies, ECR
// images, SSM parameters, Secrets Manager secrets, log groups, a queue, a second VPC.
import { CreateLogGroupCommand, CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CreateSecurityGroupCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { rawClients } from '../../support/aws.js';
import { REGION, emulatorEndpoint } from '../../support/emulator.js';

const config = () => ({
  endpoint: emulatorEndpoint(),
  region: REGION,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});

const trust = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });

export async function createRole(name: string, service: string): Promise<void> {
  await new IAMClient(config()).send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(service) }),
  );
}

export async function pushImage(repository: string, tag: string): Promise<string> {
  const ecr = new ECRClient(config());
  await ecr.send(new CreateRepositoryCommand({ repositoryName: repository })).catch(() => undefined);
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: 1,
      digest: `sha256:${'a'.repeat(64)}`,
    },
    layers: [],
  };
  const out = await ecr.send(
    new PutImageCommand({
      repositoryName: repository,
      imageTag: tag,
      imageManifest: JSON.stringify(manifest),
    }),
  );
  return out.image?.imageId?.imageDigest ?? '';
}

export async function putParameter(name: string): Promise<void> {
  await new SSMClient(config()).send(
    new PutParameterCommand({ Name: name, Value: 'not-read', Type: 'SecureString' }),
  );
}

export async function createSecret(name: string): Promise<string> {
  const out = await new SecretsManagerClient(config()).send(
    new CreateSecretCommand({ Name: name, SecretString: 'not-read' }),
  );
  return out.ARN ?? '';
}

export async function createLogGroup(name: string): Promise<void> {
  await new CloudWatchLogsClient(config()).send(new CreateLogGroupCommand({ logGroupName: name }));
}

export async function createQueue(name: string): Promise<void> {
  await new SQSClient(config()).send(new CreateQueueCommand({ QueueName: name }));
}

/** A security group in a VPC of its own (not the default VPC the subnets are in). */
export async function foreignSecurityGroup(): Promise<string> {
  const { ec2 } = rawClients();
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.99.0.0/16' }));
  const sg = await ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: 'elsewhere',
      Description: 'elsewhere',
      VpcId: vpc.Vpc?.VpcId,
    }),
  );
  return sg.GroupId ?? '';
}
