// The other environments' names the plan must never take for this one's previous names: only
// environments that may share this one's account and region count (truth audit).
import { describe, expect, it } from 'vitest';
import { siblingNames } from '../../../src/manifests/rules/environments.js';
import type { RepoConfig } from '../../../src/model/manifest.js';

const config = {
  apiVersion: 'berth/v1',
  kind: 'Config',
  metadata: { name: 'data' },
  spec: {
    cluster: 'etl',
    namePrefix: 'etl-',
    scheduleGroup: 'data',
    schedulerRoleArn: 'arn:aws:iam::111111111111:role/s',
    environments: {
      dev: { region: 'us-east-1', namePrefix: 'dev-', scheduleGroup: 'data-dev' },
      stg: { region: 'us-east-1', namePrefix: 'stg-', scheduleGroup: 'data-stg' },
      prod: { region: 'eu-west-1', namePrefix: 'prod-', scheduleGroup: 'data-dev-old' },
    },
  },
} as unknown as RepoConfig;

describe('siblingNames', () => {
  it('names the groups and prefixes of environments that may share the account and region', () => {
    expect(siblingNames(config, 'dev')).toEqual({
      groups: ['data-stg'],
      prefixes: ['stg-'],
      environments: ['stg'],
    });
  });

  it('leaves out an environment in another region (its names may be this one’s old names)', () => {
    expect(siblingNames(config, 'prod')).toEqual({ groups: [], prefixes: [], environments: [] });
  });
});
