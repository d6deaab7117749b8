// "AWS-equivalent" call counts. The emulator answers ListTaskDefinitions in one page whatever
// its size, where AWS pages by 100; berth lists every ACTIVE revision of the account (AWS's
// familyPrefix is an exact family name, so a real prefix is filtered client-side), so on AWS one
// listing costs ceil(activeRevisions / 100) requests. ListSchedules is already paged by the
// emulator (it honours MaxResults, which berth sets to 100), so it counts as measured.
// ListTaskDefinitionFamilies (the light read's listing) is answered in one page by the emulator
// too: counted as ceil(families under the prefix / 100) when the sizes say how many.

export interface ListingSizes {
  /** ACTIVE task-definition revisions in the account when the command ran. */
  activeRevisions: number;
  /**
   * Families under berth's prefix: the emulator answers ListTaskDefinitionFamilies in one page
   * too (it ignores maxResults), AWS in pages of 100 (absent: counted as measured).
   */
  families?: number;
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
  const families = measured['ecs:ListTaskDefinitionFamilies'];
  if (families && sizes.families !== undefined)
    out['ecs:ListTaskDefinitionFamilies'] = families * pages(sizes.families);
  return out;
}

export function pages(items: number): number {
  return Math.max(1, Math.ceil(items / PAGE));
}

/** Listing operations: what "beyond the listings" leaves out. */
export const LISTING_OPS: readonly string[] = [
  'ecs:ListTaskDefinitions',
  'ecs:ListTaskDefinitionFamilies',
  'scheduler:ListSchedules',
  'events:ListRules',
  'events:ListTargetsByRule',
];
