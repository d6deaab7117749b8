// A loaded repository as the manifest loader hands it over: config + jobs, no files.
import type { LoadedJob, LoadResult } from '../../../../src/model/diagnostics.js';
import type { JobManifest, RepoConfig, RepoConfigSpec } from '../../../../src/model/manifest.js';

export function repoConfig(spec: Partial<RepoConfigSpec> = {}): RepoConfig {
  return {
    apiVersion: 'berth/v1',
    kind: 'Config',
    metadata: { name: 'analytics' },
    spec: {
      region: 'us-east-1',
      cluster: 'etl',
      scheduleGroup: 'berth-analytics',
      schedulerRoleArn: 'arn:aws:iam::123456789012:role/berth-scheduler',
      namePrefix: 'etl-',
      defaults: {
        task: { launchType: 'FARGATE', cpu: '0.5 vCPU', memory: '1 GB', platformVersion: '1.4.0' },
        network: { subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'] },
        run: { propagateTags: 'TASK_DEFINITION', enableEcsManagedTags: true },
      },
      ...spec,
    },
  };
}

export function loadedJob(name: string, spec: JobManifest['spec']): LoadedJob {
  return {
    manifest: { apiVersion: 'berth/v1', kind: 'Job', metadata: { name }, spec },
    source: { file: `jobs/${name}.yaml`, document: 0, line: 1, column: 1 },
    positions: {},
  };
}

export function loadResult(jobs: LoadedJob[], config: RepoConfig = repoConfig()): LoadResult {
  return { config, configFile: 'berth.yaml', jobs, diagnostics: [], invalidFiles: [], invalidJobNames: [] };
}
