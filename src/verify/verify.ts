// `berth verify`: every reference of the desired state checked against AWS, each distinct value
// once (however many jobs share it), a few at a time.
import pLimit from 'p-limit';
import { parseArn } from '../desired/arns.js';
import { checkTarget, subjectOf, targetKey } from './check.js';
import type { CheckContext } from './context.js';
import { collectReferences, type ReferenceInput } from './references.js';
import type { CheckOutcome, CheckStatus, Reference, VerifyFinding, VerifyReport } from './types.js';

export interface VerifyOptions {
  ports: CheckContext['ports'];
  concurrency?: number;
}

const KIND_ORDER = ['cluster', 'role', 'image', 'secret', 'logGroup', 'network', 'queue'];

export async function verifyReferences(input: ReferenceInput, opts: VerifyOptions): Promise<VerifyReport> {
  const before = opts.ports.calls.snapshot();
  const refs = collectReferences(input);
  const ctx: CheckContext = {
    ports: opts.ports,
    region: input.desired.region,
    account: parseArn(input.desired.clusterArn)?.account || undefined,
  };
  const unique = new Map(refs.map((r) => [targetKey(r.target), r.target]));
  const limit = pLimit(opts.concurrency ?? 8);
  const outcomes = new Map<string, CheckOutcome>();
  await Promise.all(
    [...unique].map(([key, target]) => limit(async () => outcomes.set(key, await checkTarget(target, ctx)))),
  );
  const findings = toFindings(refs, outcomes);
  const summary: Record<CheckStatus, number> = { ok: 0, failed: 0, 'not-checked': 0, unknown: 0 };
  for (const f of findings) summary[f.status] += 1;
  return { findings, summary, ok: summary.failed === 0, calls: diff(before, opts.ports.calls.snapshot()) };
}

/** One finding per checked value and place it is written, naming every job that uses it there. */
function toFindings(refs: Reference[], outcomes: Map<string, CheckOutcome>): VerifyFinding[] {
  const grouped = new Map<string, VerifyFinding>();
  for (const r of refs) {
    const key = `${targetKey(r.target)}|${JSON.stringify(r.locations)}`;
    const known = grouped.get(key);
    if (known) {
      if (r.job && !known.jobs.includes(r.job)) known.jobs.push(r.job);
      continue;
    }
    const outcome = outcomes.get(targetKey(r.target))!;
    grouped.set(key, {
      ...outcome,
      kind: r.target.kind,
      subject: subjectOf(r.target),
      jobs: r.job ? [r.job] : [],
      locations: r.locations,
    });
  }
  return [...grouped.values()].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0),
  );
}

function diff(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}
