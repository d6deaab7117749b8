// Ownership from tags: berth's managed-by tag plus this installation's owner tag.
import { MANAGED_BY_VALUE, TAG } from '../model/desired.js';

export type Ownership = { kind: 'owned' } | { kind: 'foreign'; owner: string } | { kind: 'unowned' };

export function ownershipOf(tags: Record<string, string>, owner: string): Ownership {
  if (tags[TAG.managedBy] !== MANAGED_BY_VALUE) return { kind: 'unowned' };
  const tagged = tags[TAG.owner];
  if (tagged === owner) return { kind: 'owned' };
  // berth-managed without an owner tag is not provably anyone's: treat as not ours.
  return tagged ? { kind: 'foreign', owner: tagged } : { kind: 'unowned' };
}
