// Names of the run feed's resources: one SQS queue and one EventBridge rule per berth owner.
const SAFE = /[^A-Za-z0-9_-]/g;

/** SQS queue names: 1–80 of letters, digits, - and _. */
export function feedQueueName(owner: string): string {
  return `berth-runs-${owner.replace(SAFE, '-')}`.slice(0, 80);
}

/** EventBridge rule names: 1–64 of letters, digits, . - _. */
export function feedRuleName(owner: string): string {
  return `berth-runs-${owner.replace(SAFE, '-')}`.slice(0, 64);
}
