// Manifests for review tests, as people write them: a berth.yaml and single-container jobs.

export function configYaml(opts: { group?: string; extraSpec?: string } = {}): string {
  return `apiVersion: berth/v1
kind: Config
metadata:
  name: analytics
spec:
  region: us-east-1
  cluster: arn:aws:ecs:us-east-1:123456789012:cluster/etl
  namePrefix: etl-
  scheduleGroup: ${opts.group ?? 'berth-analytics'}
  schedulerRoleArn: arn:aws:iam::123456789012:role/berth-scheduler
  defaults:
    task:
      launchType: FARGATE
      cpu: 256
      memory: 512
      executionRoleArn: arn:aws:iam::123456789012:role/exec
    network:
      subnets: [subnet-0a1b2c3d]
      securityGroups: [sg-0a1b2c3d]
${opts.extraSpec ?? ''}`;
}

export interface JobOptions {
  image?: string;
  expression?: string;
  env?: Record<string, string>;
  /** Raw YAML lines appended under spec: (indented by two spaces). */
  extraSpec?: string;
}

export function jobYaml(name: string, o: JobOptions = {}): string {
  const env = Object.entries(o.env ?? { STAGE: 'prod' })
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
    .join('\n');
  return `apiVersion: berth/v1
kind: Job
metadata:
  name: ${name}
spec:
  image: registry.example.com/etl:${o.image ?? '1.0'}
  command: [run, ${name}]
  environment:
${env}
  schedule:
    expression: ${o.expression ?? 'cron(0 3 * * ? *)'}
    timezone: Asia/Tokyo
${o.extraSpec ?? ''}`;
}
