// Ownership tags (house rule 4): berth's own keys always win over user tags, so a manifest
// cannot disown a resource or claim one for another installation.
import { MANAGED_BY_VALUE, TAG } from '../model/desired.js';
import type { EcsTag } from '../model/aws-types.js';
import { compareStrings } from './problems.js';

/** Tags of every task-definition revision: user tags (config < job) under berth's keys. */
export function taskDefinitionTags(
  owner: string,
  job: string,
  hash: string,
  userTags: Record<string, string>,
  revision: string | undefined,
): Record<string, string> {
  const own: Record<string, string> = {
    [TAG.managedBy]: MANAGED_BY_VALUE,
    [TAG.owner]: owner,
    [TAG.job]: job,
    [TAG.hash]: hash,
  };
  if (revision) own[TAG.commit] = revision;
  return { ...userTags, ...own };
}

/**
 * Tags of the schedule group: the ownership marker of the whole installation, its namePrefix
 * (after a rename, the groups berth owns tell it which names it used before) and, in a repository
 * with environments, the environment (another environment's group is never an old name of this one).
 */
export function groupTags(
  owner: string,
  configTags: Record<string, string>,
  namePrefix: string,
  environment?: string,
): Record<string, string> {
  return toSortedRecord({
    ...configTags,
    [TAG.managedBy]: MANAGED_BY_VALUE,
    [TAG.owner]: owner,
    [TAG.namePrefix]: namePrefix,
    ...(environment !== undefined ? { [TAG.environment]: environment } : {}),
  });
}

/** ECS shape: [{key, value}] sorted by key. */
export function toEcsTags(tags: Record<string, string>): EcsTag[] {
  return Object.keys(tags)
    .sort(compareStrings)
    .map((key) => ({ key, value: String(tags[key]) }));
}

/**
 * Scheduler EcsParameters.Tags is typed Record<string, string>[]: one {key, value} map per
 * tag (the shape terraform-provider-aws sends), sorted by key.
 */
export function toSchedulerTaskTags(tags: Record<string, string>): Record<string, string>[] {
  return toEcsTags(tags).map((t) => ({ key: t.key!, value: t.value! }));
}

function toSortedRecord(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(tags)
      .sort(compareStrings)
      .map((k) => [k, String(tags[k])]),
  );
}
