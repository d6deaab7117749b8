// /api/status names the environment a controller reconciles and its account.
import { describe, expect, it } from 'vitest';
import { ControllerMemory } from '../../../src/controller/status.js';
import type { DesiredState } from '../../../src/model/desired.js';

describe('controller status', () => {
  it('carries the environment and account of the revision in force, null without', () => {
    const mem = new ControllerMemory();
    expect(mem.status('git')).toMatchObject({ environment: null, account: null });
    mem.lastGood = {
      revision: 'abc',
      desired: {
        owner: 'team',
        environment: 'prod',
        account: '210987654321',
        jobs: [],
      } as unknown as DesiredState,
    };
    expect(mem.status('git')).toMatchObject({ owner: 'team', environment: 'prod', account: '210987654321' });
  });
});
