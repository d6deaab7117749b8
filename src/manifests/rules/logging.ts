// awslogs settings that CloudWatch Logs would reject only when the task starts.
import { error } from './finding.js';
import type { Finding } from './finding.js';
import { REGION_NAME } from './references.js';
import type { LoggingSpec } from '../../model/manifest.js';

const GROUP = /^[.\-_/#A-Za-z0-9]{1,512}$/;

export function checkLoggingSection(l: LoggingSpec, pointer: string): Finding[] {
  const out: Finding[] = [];
  if (typeof l.group === 'string') {
    const unknown = [...l.group.matchAll(/\{([^}]*)\}/g)]
      .map((m) => m[1])
      .filter((n) => n !== 'job' && n !== 'prefix');
    const filled = l.group.replaceAll('{job}', 'job').replaceAll('{prefix}', 'prefix');
    if (unknown.length > 0)
      out.push(
        error(
          'logging/group',
          `${pointer}/group`,
          `unknown placeholder {${unknown[0]}} in the log group`,
          'only {job} and {prefix} are replaced',
        ),
      );
    else if (!GROUP.test(filled))
      out.push(
        error(
          'logging/group',
          `${pointer}/group`,
          'a log group name may only have letters, digits and . - _ / #',
          'e.g. /berth/{prefix}{job}',
        ),
      );
  }
  if (typeof l.region === 'string' && !REGION_NAME.test(l.region))
    out.push(
      error(
        'logging/region',
        `${pointer}/region`,
        `"${l.region.slice(0, 40)}" is not an AWS Region`,
        'e.g. us-east-1',
      ),
    );
  return out;
}
