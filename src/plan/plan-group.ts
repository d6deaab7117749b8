// The schedule group's action: create it, or compare its tags (berth's ownership marker, the
// namePrefix it records, the user's tags from berth.yaml) and put them back or follow git.
import { MANAGED_BY_VALUE, TAG, type DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { PlanAction } from '../model/plan.js';
import { action } from './action.js';
import { diffValues } from './diff.js';
import { tagFilter, tagMap } from './normalise-tags.js';
import type { TagWrite } from './plan-task-definition.js';
import { tagsHash, writtenTags } from './record.js';

export function planGroup(
  desired: DesiredState,
  live: LiveState,
  conflict: string | undefined,
  /** Keep the namePrefix the group records: old copies under it are not all moved by this plan. */
  holdPrefix = false,
): PlanAction {
  const name = desired.scheduleGroup;
  const held = live.group.tags[TAG.namePrefix];
  const groupTags =
    holdPrefix && held !== undefined ? { ...desired.groupTags, [TAG.namePrefix]: held } : desired.groupTags;
  const hash = tagsHash(groupTags);
  if (live.group.status === 'missing') {
    const after = { Name: name, Tags: { ...groupTags, [TAG.tagsHash]: hash } };
    const changes = diffValues(undefined, { Tags: groupTags });
    return action('create', 'scheduleGroup', name, { reason: 'not in AWS', changes, after, origin: 'git' });
  }
  const noop = action('noop', 'scheduleGroup', name, { arn: live.group.arn, reason: conflict });
  if (live.group.status !== 'owned') return noop;

  const keep = tagFilter(desired.ignoreTagKeys);
  const want = tagMap(groupTags, keep);
  const have = tagMap(live.group.tags, keep);
  // A group berth made before it recorded the environment: the tag is berth's to add, not a
  // change of berth.yaml nor drift (its recorded hash is that of the tags without it).
  const env = groupTags[TAG.environment];
  const untagged = env !== undefined && live.group.tags[TAG.environment] === undefined;
  const { [TAG.environment]: _env, ...withoutEnv } = groupTags;
  const recorded =
    live.group.tags[TAG.tagsHash] === hash ||
    (untagged && live.group.tags[TAG.tagsHash] === tagsHash(withoutEnv));
  const changes = diffValues({ Tags: have }, { Tags: want });
  const set = { ...writtenTags(groupTags), [TAG.tagsHash]: hash };
  const f = { arn: live.group.arn ?? '' };
  const before = live.group.tags[TAG.tagsHash];
  if (untagged && diffValues({ Tags: have }, { Tags: tagMap(withoutEnv, keep) }).length === 0)
    return action('update', 'scheduleGroup', name, {
      ...f,
      reason: 'records the environment',
      changes: [
        { path: `/Tags/${TAG.environment}`, after: env },
        { path: `/Tags/${TAG.tagsHash}`, ...(before !== undefined ? { before } : {}), after: hash },
      ],
      after: { set: { [TAG.environment]: env, [TAG.tagsHash]: hash }, remove: [] } satisfies TagWrite,
      origin: 'berth',
    });
  if (changes.length > 0) {
    const remove = Object.keys(live.group.tags).filter((k) => keep(k) && !(k in set));
    const after: TagWrite = { set, remove: remove.sort() };
    const reason = recorded ? 'tags changed in AWS' : 'tags changed in berth.yaml';
    return action('update', 'scheduleGroup', name, {
      ...f,
      reason,
      changes,
      after,
      origin: recorded ? 'aws' : 'git',
    });
  }
  if (recorded) return noop;
  return action('update', 'scheduleGroup', name, {
    ...f,
    reason: 'records what berth applied',
    changes: [{ path: `/Tags/${TAG.tagsHash}`, ...(before !== undefined ? { before } : {}), after: hash }],
    after: { set: { [TAG.tagsHash]: hash }, remove: [] } satisfies TagWrite,
    origin: 'berth',
  });
}

export function groupProblem(desired: DesiredState, live: LiveState): string | undefined {
  const g = live.group;
  const fix =
    `berth will not create or change schedules in it. Set spec.scheduleGroup in berth.yaml to a group of its own, ` +
    `or tag the group ${TAG.managedBy}=${MANAGED_BY_VALUE} and ${TAG.owner}=${desired.owner} if it really is this repository's`;
  if (g.status === 'foreign')
    return `schedule group ${g.name} belongs to berth installation "${g.tags[TAG.owner] ?? '?'}", not "${desired.owner}"; ${fix}`;
  if (g.status === 'unowned') return `schedule group ${g.name} exists but is not tagged as berth's; ${fix}`;
  return undefined;
}
