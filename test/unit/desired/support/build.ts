// Small builders for renderer tests: a config and jobs as the loader would hand them over.
import type { LoadedJob } from '../../../../src/model/diagnostics.js';
import type { JobManifest, RepoConfig, RepoConfigSpec } from '../../../../src/model/manifest.js';

export function config(spec: Partial<RepoConfigSpec> = {}, name = 'analytics'): RepoConfig {
  return {
    apiVersion: 'berth/v1',
    kind: 'Config',
    metadata: { name },
    spec: {
      region: 'us-east-1',
      cluster: 'etl',
      scheduleGroup: 'berth-analytics',
      schedulerRoleArn: 'arn:aws:iam::123456789012:role/berth-scheduler',
      namePrefix: 'etl-',
      defaults: {
        task: { launchType: 'FARGATE', cpu: '0.5 vCPU', memory: '1 GB' },
        network: { subnets: ['subnet-1'], securityGroups: ['sg-1'] },
      },
      ...spec,
    },
  };
}

export function job(
  name: string,
  spec: JobManifest['spec'],
  meta: Partial<JobManifest['metadata']> = {},
  file = `jobs/${name}.yaml`,
): LoadedJob {
  return {
    manifest: { apiVersion: 'berth/v1', kind: 'Job', metadata: { name, ...meta }, spec },
    source: { file, document: 0, line: 1, column: 1 },
    positions: {},
  };
}

/** Single-container job with a schedule: the common case. */
export function scheduled(name: string, extra: Partial<JobManifest['spec']> = {}): LoadedJob {
  return job(name, { image: 'repo/etl:1', schedule: { expression: 'cron(0 3 * * ? *)' }, ...extra });
}
