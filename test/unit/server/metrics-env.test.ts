// The env label: each environment's view of one registry labels its series; a controller
// without environments exports today's series, unlabelled (PromQL reads them as env="").
import { describe, expect, it } from 'vitest';
import { PromMetrics } from '../../../src/server/metrics.js';
import { PromRunMetrics } from '../../../src/server/run-metrics.js';

const lines = async (m: PromMetrics) => (await m.registry.metrics()).split('\n');

describe('metrics per environment', () => {
  it('labels the series of each environment, on one registry', async () => {
    const metrics = new PromMetrics({ defaultMetrics: false });
    const dev = metrics.forEnvironment('dev');
    const prod = metrics.forEnvironment('prod');
    dev.cycle('synced', 1);
    prod.cycle('failed', 1);
    prod.cycle('failed', 1);
    dev.jobStates([{ job: 'a', status: 'InSync', revision: 'a:1', inSync: true }]);
    prod.jobStates([{ job: 'a', status: 'Drifted', revision: 'a:3', inSync: false }]);
    prod.leader(false);
    metrics.gitFetch('fetched');
    new PromRunMetrics(metrics.registry).forEnvironment('prod').finished('a', 'Failed', 100, 5);
    const out = await lines(metrics);
    expect(out).toContain('berth_reconcile_total{env="dev",outcome="synced"} 1');
    expect(out).toContain('berth_reconcile_total{env="prod",outcome="failed"} 2');
    expect(out).toContain('berth_job_synced{env="dev",job="a"} 1');
    expect(out).toContain('berth_job_synced{env="prod",job="a"} 0');
    expect(out).toContain('berth_job_info{env="prod",job="a",status="Drifted",revision="a:3"} 1');
    expect(out).toContain('berth_leader{env="prod"} 0');
    expect(out).toContain('berth_job_runs_total{env="prod",job="a",result="Failed"} 1');
    // The source is the process's: no env label.
    expect(out).toContain('berth_git_fetches_total{outcome="fetched"} 1');
    // A job leaving one environment leaves the other's series alone.
    dev.jobStates([]);
    const after = await lines(metrics);
    expect(after.some((l) => l.startsWith('berth_job_synced{env="dev"'))).toBe(false);
    expect(after).toContain('berth_job_synced{env="prod",job="a"} 0');
  });

  it('leaves the label out without an environment', async () => {
    const metrics = new PromMetrics({ defaultMetrics: false });
    metrics.cycle('synced', 1);
    metrics.leader(true);
    const out = await lines(metrics);
    expect(out).toContain('berth_reconcile_total{outcome="synced"} 1');
    expect(out).toContain('berth_leader 1');
  });
});
