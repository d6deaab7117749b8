// One family as the planner needs it: which described revisions are this installation's, its
// newest one (the head, where the applied-state record is written), a newest revision someone
// registered by hand on top, and the record berth left.
import { MANAGED_BY_VALUE, TAG } from '../model/desired.js';
import type { LiveFamily, LiveRevision } from '../model/live.js';
import { parseRecord, type AppliedRecord } from './record.js';

export interface FamilyView {
  /** Described revisions of this installation, newest first (ACTIVE or pinned while deregistered). */
  mine: LiveRevision[];
  /** This installation's newest ACTIVE revision. */
  head: LiveRevision | undefined;
  /** The latest ACTIVE revision when it is not berth's: registered into berth's family by hand. */
  foreignLatest: LiveRevision | undefined;
  /** The record on the newest of berth's revisions that carries one (see plan/record.ts). */
  record: AppliedRecord | undefined;
}

export const isMine = (tags: Record<string, string>, owner: string): boolean =>
  tags[TAG.managedBy] === MANAGED_BY_VALUE && tags[TAG.owner] === owner;

/** Every described revision, newest first; a state read before `revisions` existed knows the latest only. */
export function describedRevisions(family: LiveFamily): LiveRevision[] {
  const list = family.revisions ?? [{ ...family.latest, active: true }];
  return [...list].sort((a, b) => b.revision - a.revision);
}

export function familyView(family: LiveFamily, owner: string): FamilyView {
  const described = describedRevisions(family);
  const mine = described.filter((r) => isMine(r.tags, owner));
  const latest = described.find((r) => r.revision === family.latest.revision);
  let record: AppliedRecord | undefined;
  for (const r of mine) {
    record = parseRecord(r.tags[TAG.applied]);
    if (record) break;
  }
  return {
    mine,
    head: mine.find((r) => r.active),
    foreignLatest: latest && !isMine(latest.tags, owner) ? latest : undefined,
    record,
  };
}

/** A described revision by ARN, in any family of the state. */
export function findRevision(families: Iterable<LiveFamily>, arn: string): LiveRevision | undefined {
  for (const f of families) {
    const r = describedRevisions(f).find((x) => x.arn === arn);
    if (r) return r;
  }
  return undefined;
}
