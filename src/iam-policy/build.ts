// The least-privilege policy for the chosen purposes: the capabilities they need, each a
// statement named by its Sid, in a stable order (the table's), with sorted actions.
import { CAPABILITIES } from './capabilities.js';
import type { PolicyDocument, Purpose, Statement } from './policy.js';
import type { IamScope } from './scope.js';

export function buildPolicy(scope: IamScope, purposes: readonly Purpose[]): PolicyDocument {
  const statements: Statement[] = [];
  for (const c of CAPABILITIES) {
    if (!c.for.some((p) => purposes.includes(p))) continue;
    const g = c.grant(scope);
    if (!g) continue;
    statements.push({ Sid: c.sid, Effect: 'Allow', ...g, Action: [...g.Action].sort() });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Every action the policy grants, "service:Action". */
export function grantedActions(policy: PolicyDocument): string[] {
  return [...new Set(policy.Statement.flatMap((s) => s.Action))].sort();
}

/** IAM counts a policy's size without whitespace: 6,144 for a managed policy, 10,240 inline. */
export function policySize(policy: PolicyDocument): number {
  return JSON.stringify(policy).length;
}
