// Rules about berth.yaml itself: names berth builds from it and references it holds.
import { joinPointer } from '../pointer.js';
import { error } from './finding.js';
import type { Finding } from './finding.js';
import { checkCluster, checkRoleArn } from './references.js';
import { BERTH_GROUP_TAGS, tagCount } from './tags.js';
import type { RepoConfig } from '../../model/manifest.js';

const GROUP = /^[0-9A-Za-z_.-]{1,64}$/;
const PREFIX = /^[A-Za-z0-9_-]*$/;

export function checkConfig(config: RepoConfig): Finding[] {
  const s = config.spec;
  const out: Finding[] = [];
  if (!GROUP.test(s.scheduleGroup))
    out.push(
      error(
        'config/schedule-group',
        '/spec/scheduleGroup',
        'a schedule group name has 1–64 letters, digits and - _ .',
        'e.g. berth-analytics',
      ),
    );
  else if (s.scheduleGroup === 'default')
    out.push(
      error(
        'config/schedule-group',
        '/spec/scheduleGroup',
        'berth cannot own the "default" schedule group',
        'schedules cannot be tagged, so berth marks ownership on a group of its own: name one, e.g. berth-<repository>',
      ),
    );
  if (s.namePrefix !== undefined && !PREFIX.test(s.namePrefix))
    out.push(
      error(
        'config/name-prefix',
        '/spec/namePrefix',
        'namePrefix may only have letters, digits, - and _',
        'it starts every task-definition family and schedule name',
      ),
    );
  out.push(...checkCluster(s.cluster, '/spec/cluster'));
  out.push(...checkRoleArn(s.schedulerRoleArn, '/spec/schedulerRoleArn', 'schedulerRoleArn'));
  out.push(...tagCount(s.tags, '/spec/tags', BERTH_GROUP_TAGS, 'the schedule group'));
  // These tags also go on the schedule group, and Scheduler's tag values are 1–256 characters.
  for (const [key, value] of Object.entries(s.tags ?? {}))
    if (value === '')
      out.push(
        error(
          'tags/empty-value',
          joinPointer('/spec/tags', key),
          `tag "${key.slice(0, 60)}" has an empty value, which the schedule group cannot carry`,
          'EventBridge Scheduler tag values have 1–256 characters: give it a value, or set it on jobs (spec.tags) only',
        ),
      );
  if (
    s.jobsDir !== undefined &&
    (s.jobsDir.startsWith('/') || /^[A-Za-z]:/.test(s.jobsDir) || s.jobsDir.split(/[\\/]/).includes('..'))
  )
    out.push(
      error(
        'config/jobs-dir',
        '/spec/jobsDir',
        'jobsDir must be a path inside the repository',
        'a relative path without "..", e.g. jobs',
      ),
    );
  (s.ignoreTagKeys ?? []).forEach((k, i) => {
    if (k.startsWith('berth:'))
      out.push(
        error(
          'config/ignore-tag-keys',
          `/spec/ignoreTagKeys/${i}`,
          `"${k}" is one of berth's ownership tags and cannot be ignored`,
        ),
      );
  });
  return out;
}
