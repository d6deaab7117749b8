// A controller reconciling one environment names it (and its account) in every alert; the same
// condition in two environments is two alerts, each forgotten on its own.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/notify/alert.js';
import { environmentAlerts } from '../../../src/notify/environment-alerts.js';
import { slackMessage } from '../../../src/notify/slack.js';

const alert: Alert = {
  kind: 'drift-detected',
  severity: 'warning',
  title: 'Drift in a',
  lines: [],
  owner: 'team',
  job: 'a',
  revision: null,
  fingerprint: 'drift|a',
  at: '2026-12-04T00:00:00Z',
  data: {},
};

function recorder() {
  const sent: Alert[] = [];
  const forgotten: string[] = [];
  return {
    sent,
    forgotten,
    sink: { send: (a: Alert) => void sent.push(a), forget: (f: string) => void forgotten.push(f) },
  };
}

describe('environment alerts', () => {
  it('names the environment and account, and keeps environments apart', () => {
    const r = recorder();
    const prod = environmentAlerts(r.sink, () => ({ environment: 'prod', account: '210987654321' }));
    const dev = environmentAlerts(r.sink, () => ({ environment: 'dev' }));
    prod.send(alert);
    dev.send(alert);
    prod.forget('drift|a');
    expect(r.sent.map((a) => [a.title, a.environment, a.account, a.fingerprint])).toEqual([
      ['[prod] Drift in a', 'prod', '210987654321', 'prod|drift|a'],
      ['[dev] Drift in a', 'dev', undefined, 'dev|drift|a'],
    ]);
    expect(r.forgotten).toEqual(['prod|drift|a']);
    expect(JSON.stringify(slackMessage(r.sent[0]!))).toContain('environment `prod` (account 210987654321)');
  });

  it('leaves alerts of a repository without environments as they were', () => {
    const r = recorder();
    environmentAlerts(r.sink, () => ({})).send(alert);
    expect(r.sent).toEqual([alert]);
  });
});
