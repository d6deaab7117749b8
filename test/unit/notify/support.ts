import type { Alert } from '../../../src/notify/alert.js';

export function alert(over: Partial<Alert> = {}): Alert {
  return {
    kind: 'drift-detected',
    severity: 'warning',
    title: 'Drift in a: reported, not changed',
    lines: ['schedule p-a /ScheduleExpression: git "cron(0 3 * * ? *)", AWS "cron(0 5 * * ? *)"'],
    owner: 'etl',
    job: 'a',
    revision: 'f'.repeat(40),
    fingerprint: 'fp-1',
    at: '2026-01-01T00:00:00.000Z',
    data: {},
    ...over,
  };
}
