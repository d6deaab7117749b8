// The shape of an IAM identity policy, as berth prints it. Only what berth needs: Allow
// statements with a Sid, actions, resources and an optional condition.

export type ConditionOperator = 'StringEquals' | 'ArnEquals' | 'ArnLike';

export interface Statement {
  /** Alphanumeric, unique in the document: names the capability the statement grants. */
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  /** ARNs (with * wildcards), or ["*"] only for actions that support no resource-level scope. */
  Resource: string[];
  Condition?: Partial<Record<ConditionOperator, Record<string, string | string[]>>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

/** Who the policy is for: each is the set of AWS calls of some berth commands. */
export const PURPOSES = ['controller', 'apply', 'plan', 'run'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** What each purpose covers, for --help and the README. */
export const PURPOSE_COMMANDS: Record<Purpose, string> = {
  plan: 'plan, drift, pr-report (read only)',
  apply: 'apply (and everything plan does), with the lease when spec.lock is set',
  controller: 'controller: read, apply, prune, heal, with the lease when spec.lock is set',
  run: 'run, backfill and runs: start tasks on the live revision, watch them, follow their logs, list runs',
};
