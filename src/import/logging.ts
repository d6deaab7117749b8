// A container's logConfiguration as the smallest logging section over the repository default:
// awslogs group / stream prefix / region / createGroup are left out when the default renders
// them the same, further options are kept verbatim. Checked by rendering it back.
import {
  DEFAULT_LOG_GROUP,
  DEFAULT_STREAM_PREFIX,
  effectiveLogging,
  logConfiguration,
  substitute,
  type LogContext,
} from '../desired/logging.js';
import type { ContainerDefinition } from '../model/aws-types.js';
import type { LoggingSpec } from '../model/manifest.js';
import { compact, deepEqual } from '../plan/json.js';
import { defined, minimalOverride } from './minimise.js';

type Plain = Record<string, unknown>;
type LogConfiguration = ContainerDefinition['logConfiguration'];

const STRUCTURED = ['awslogs-group', 'awslogs-stream-prefix', 'awslogs-region', 'awslogs-create-group'];

export interface LoggingResult {
  /** The logging section to write (undefined: the default says it all). */
  logging: Plain | undefined;
  /** False when no logging section reproduces the live configuration. */
  exact: boolean;
}

export function loggingSpec(live: LogConfiguration, defaults: LoggingSpec, ctx: LogContext): LoggingResult {
  const candidate = candidateFor(live, defaults, ctx);
  const rendered = logConfiguration(
    effectiveLogging([defaults, candidate as LoggingSpec]),
    ctx,
    '',
    () => undefined,
  );
  return { logging: candidate, exact: deepEqual(compact(rendered), compact(live)) };
}

function candidateFor(live: LogConfiguration, d: LoggingSpec, ctx: LogContext): Plain | undefined {
  const defaultDriver = d.driver ?? 'awslogs';
  if (!live?.logDriver) return defaultDriver === 'none' ? undefined : { driver: 'none' };
  const options = live.options ?? {};
  if (live.logDriver === 'awsfirelens') {
    if (defaultDriver !== 'awsfirelens')
      return defined({ driver: 'awsfirelens', options: nonEmpty(options) });
    const o = minimalOverride(nonEmpty(options), nonEmpty(d.options ?? {}));
    return o === undefined ? undefined : { options: o };
  }
  if (live.logDriver !== 'awslogs') return { driver: live.logDriver, options };
  // Switching driver starts afresh (effectiveLogging), so the defaults then count for nothing.
  const base: LoggingSpec = defaultDriver === 'awslogs' ? d : {};
  const extra = Object.fromEntries(
    Object.entries(options).filter(
      ([k, v]) => !STRUCTURED.includes(k) || (k === 'awslogs-create-group' && v !== 'true'),
    ),
  );
  const out: Plain = defined({
    driver: defaultDriver === 'awslogs' ? undefined : 'awslogs',
    group: differs(options['awslogs-group'], substitute(base.group ?? DEFAULT_LOG_GROUP, ctx)),
    streamPrefix: differs(
      options['awslogs-stream-prefix'],
      substitute(base.streamPrefix ?? DEFAULT_STREAM_PREFIX, ctx),
    ),
    region: differs(options['awslogs-region'], base.region ?? ctx.region),
    createGroup: differs(options['awslogs-create-group'] === 'true', Boolean(base.createGroup)),
    options: minimalOverride(nonEmpty(extra), nonEmpty(base.options ?? {})),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

const differs = <T>(live: T | undefined, rendered: T | undefined): T | undefined =>
  live === undefined || live === rendered ? undefined : live;

function nonEmpty(o: Record<string, string | null>): Record<string, string | null> | undefined {
  return Object.keys(o).length > 0 ? o : undefined;
}
