// The shapes of the AWS identifiers a manifest refers to. Checked here because AWS
// (and the local emulator even less) reports a malformed ARN only when a schedule fires.
import { error } from './finding.js';
import type { Finding } from './finding.js';

const PARTITION = 'aws(?:-[a-z]+)*';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';

export const ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$`);
export const SQS_ARN = new RegExp(`^arn:${PARTITION}:sqs:${REGION}:\\d{12}:[\\w-]{1,80}(?:\\.fifo)?$`);
export const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
export const CLUSTER_ARN = new RegExp(
  `^arn:${PARTITION}:ecs:${REGION}:\\d{12}:cluster/[A-Za-z0-9_-]{1,255}$`,
);
export const SUBNET_ID = /^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
export const SECURITY_GROUP_ID = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
export const SSM_PARAMETER_ARN = new RegExp(
  `^arn:${PARTITION}:ssm:${REGION}:\\d{12}:parameter/[\\w.-][\\w./-]{0,2047}$`,
);
/** A parameter name alone works when the parameter is in the task's Region. */
export const SSM_PARAMETER_NAME = /^\/[\w.-][\w./-]{0,2046}$/;
/** Optionally followed by :json-key:version-stage:version-id (each part may be empty). */
export const SECRETS_MANAGER_ARN = new RegExp(
  `^arn:${PARTITION}:secretsmanager:${REGION}:\\d{12}:secret:[\\w/+=.@-]{1,512}(?::[^:]*:[^:]*:[^:]*)?$`,
);
export const REGION_NAME = new RegExp(`^${REGION}$`);

export function checkRoleArn(value: string | undefined, pointer: string, what: string): Finding[] {
  if (value === undefined || ROLE_ARN.test(value)) return [];
  const hint = /^[\w+=,.@-]+$/.test(value)
    ? `write the full ARN, arn:aws:iam::ACCOUNT:role/${value} (a bare role name makes the live task definition differ from git forever)`
    : 'write arn:aws:iam::123456789012:role/NAME';
  return [error('iam/role-arn', pointer, `${what} is not an IAM role ARN`, hint)];
}

export function checkCluster(value: string | undefined, pointer: string): Finding[] {
  if (value === undefined) return [];
  if (value.startsWith('arn:'))
    return CLUSTER_ARN.test(value)
      ? []
      : [
          error(
            'ecs/cluster',
            pointer,
            'not an ECS cluster ARN',
            'write arn:aws:ecs:REGION:ACCOUNT:cluster/NAME, or just the cluster name',
          ),
        ];
  return CLUSTER_NAME.test(value)
    ? []
    : [
        error(
          'ecs/cluster',
          pointer,
          'a cluster name has 1–255 letters, digits, - and _',
          'or give the full cluster ARN',
        ),
      ];
}

export function checkSqsArn(value: string | undefined, pointer: string): Finding[] {
  if (value === undefined || SQS_ARN.test(value)) return [];
  return [
    error(
      'schedule/dead-letter-arn',
      pointer,
      'not an SQS queue ARN',
      'write arn:aws:sqs:REGION:ACCOUNT:QUEUE',
    ),
  ];
}

export function checkIds(
  values: string[] | undefined,
  pointer: string,
  kind: 'subnet' | 'security-group',
): Finding[] {
  const re = kind === 'subnet' ? SUBNET_ID : SECURITY_GROUP_ID;
  const example = kind === 'subnet' ? 'subnet-0a1b2c3d4e5f60718' : 'sg-0c3d4e5f60718293a';
  const rule = kind === 'subnet' ? 'network/subnet' : 'network/security-group';
  const out: Finding[] = [];
  (values ?? []).forEach((v, i) => {
    if (re.test(v)) return;
    const byName = kind === 'security-group' && !v.startsWith('sg-');
    out.push(
      error(
        rule,
        `${pointer}/${i}`,
        `"${v.slice(0, 60)}" is not a ${kind.replace('-', ' ')} id`,
        byName ? `Scheduler needs security group ids, not names: e.g. ${example}` : `e.g. ${example}`,
      ),
    );
  });
  return out;
}
