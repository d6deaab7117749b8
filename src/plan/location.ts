// Where a plan applies: the region and the account, printed at the top of every plan so that a
// plan against the wrong credentials or region is seen before it is applied. The account comes
// from ARNs berth has already read (the schedule group, the task-definition revisions): no extra
// AWS call (STS GetCallerIdentity would be one more round trip, and one more permission, on
// every plan). When nothing berth owns exists yet, the account berth.yaml's ARNs name is shown,
// and said to be that.
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';

export interface PlanLocation {
  region?: string;
  account?: string;
  /** aws: read from live ARNs; berth.yaml: only the manifests name it (nothing live yet). */
  accountSource?: 'aws' | 'berth.yaml';
  /** Set when the live account is not the one berth.yaml's ARNs name. */
  warning?: string;
}

const ACCOUNT_OF_ARN = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/;

function accountOf(arn: string | undefined): string | undefined {
  return arn ? ACCOUNT_OF_ARN.exec(arn)?.[1] : undefined;
}

export function planLocation(desired: DesiredState, live: LiveState): PlanLocation {
  const region = live.region ?? desired.region;
  const fromAws =
    accountOf(live.group.arn) ??
    Object.values(live.families)
      .map((f) => accountOf(f.latest.arn))
      .find((a) => a !== undefined);
  // spec.account (checked against the caller identity before any read) or the cluster ARN's.
  const fromRepo = desired.account ?? accountOf(desired.clusterArn);
  const out: PlanLocation = {};
  if (region) out.region = region;
  if (fromAws) {
    out.account = fromAws;
    out.accountSource = 'aws';
  } else if (fromRepo) {
    out.account = fromRepo;
    out.accountSource = 'berth.yaml';
  }
  if (fromAws && fromRepo && fromAws !== fromRepo)
    out.warning = `the AWS credentials reach account ${fromAws}, but berth.yaml's cluster is in account ${fromRepo}: check AWS_PROFILE`;
  return out;
}
