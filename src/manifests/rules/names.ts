// AWS names berth derives from a job name: the ECS family and the Scheduler schedule name.
import { error } from './finding.js';
import type { Finding, JobContext } from './finding.js';

export const FAMILY_MAX = 255;
export const SCHEDULE_NAME_MAX = 64;
const FAMILY = /^[A-Za-z0-9_-]+$/;
const SCHEDULE = /^[0-9A-Za-z_.-]+$/;

export function checkNames(ctx: JobContext): Finding[] {
  const family = `${ctx.namePrefix}${ctx.job.name}`;
  const out: Finding[] = [];
  const where = ctx.namePrefix ? ` (namePrefix "${ctx.namePrefix}" + name)` : '';
  if (!FAMILY.test(family))
    out.push(
      error(
        'name/family',
        '/metadata/name',
        `task-definition family "${family.slice(0, 80)}"${where} may only have letters, digits, - and _`,
        'rename the job',
      ),
    );
  else if (family.length > FAMILY_MAX)
    out.push(
      error(
        'name/family',
        '/metadata/name',
        `task-definition family${where} is ${family.length} characters; ECS allows ${FAMILY_MAX}`,
        'shorten the job name',
      ),
    );
  if (ctx.job.schedule && SCHEDULE.test(family) && family.length > SCHEDULE_NAME_MAX)
    out.push(
      error(
        'name/schedule',
        '/metadata/name',
        `schedule name "${family.slice(0, 80)}"${where} is ${family.length} characters; Scheduler allows ${SCHEDULE_NAME_MAX}`,
        `shorten the job name to at most ${SCHEDULE_NAME_MAX - ctx.namePrefix.length} characters`,
      ),
    );
  return out;
}
