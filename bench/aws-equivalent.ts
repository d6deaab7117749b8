// "AWS-equivalent" call counts. The emulator answers ListTaskDefinitions in one page whatever
// its size, where AWS pages by 100; berth lists every ACTIVE revision of the account (AWS's
// familyPrefix is an exact family name, so a real prefix is filtered client-side), so on AWS one
// listing costs ceil(activeRevisions / 100) requests. ListSchedules is already paged by the
// emulator (it honours MaxResults, which berth sets to 100), so it counts as measured.

export interface ListingSizes {
  /** ACTIVE task-definition revisions in the account when the command ran. */
  activeRevisions: number;
}

export const PAGE = 100;

/**
 * `familyListings`: how many of the ListTaskDefinitions named one exact family (a targeted read,
 * issue 18 item 3): one page each, as a family here holds fewer than 100 ACTIVE revisions.
 */
export function awsEquivalent(
  measured: Record<string, number>,
  sizes: ListingSizes,
  familyListings = 0,
): Record<string, number> {
  const out = { ...measured };
  const listings = measured['ecs:ListTaskDefinitions'];
  const exact = Math.min(familyListings, listings ?? 0);
  if (listings) out['ecs:ListTaskDefinitions'] = (listings - exact) * pages(sizes.activeRevisions) + exact;
  return out;
}

export function pages(items: number): number {
  return Math.max(1, Math.ceil(items / PAGE));
}

/** Listing operations: what "beyond the listings" leaves out. */
export const LISTING_OPS: readonly string[] = [
  'ecs:ListTaskDefinitions',
  'scheduler:ListSchedules',
  'events:ListRules',
  'events:ListTargetsByRule',
];
