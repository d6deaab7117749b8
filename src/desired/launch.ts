// Launch type or capacity provider strategy: RunTask accepts one, never both. Defaults
// often say FARGATE while one job wants FARGATE_SPOT, so the more specific level wins:
// what the job itself writes beats the defaults; at one level a strategy beats a launch type.
import type { TaskDefinitionInput } from '../model/aws-types.js';
import type { CapacityProviderItem, TaskSpec } from '../model/manifest.js';
import { compareStrings, warning } from './problems.js';
import type { Report } from './problems.js';

export type LaunchType = 'FARGATE' | 'EC2' | 'EXTERNAL';
type Compatibility = NonNullable<TaskDefinitionInput['requiresCompatibilities']>[number];

export interface LaunchChoice {
  launchType?: LaunchType;
  capacityProviderStrategy?: CapacityProviderItem[];
  /** requiresCompatibilities of the task definition. */
  compatibilities: Compatibility[];
  fargate: boolean;
}

/** The built-in providers that run on Fargate; any other provider is an EC2 Auto Scaling group. */
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

export function chooseLaunch(
  jobTask: TaskSpec | undefined,
  effective: TaskSpec,
  report: Report,
): LaunchChoice {
  const own = jobTask ?? {};
  if (own.capacityProviderStrategy && own.launchType) bothSet(report, false);
  if (own.capacityProviderStrategy) return byStrategy(own.capacityProviderStrategy);
  if (own.launchType) return byLaunchType(own.launchType);
  if (effective.capacityProviderStrategy && effective.launchType) bothSet(report, true);
  if (effective.capacityProviderStrategy) return byStrategy(effective.capacityProviderStrategy);
  return byLaunchType(effective.launchType ?? 'FARGATE');
}

function byLaunchType(launchType: LaunchType): LaunchChoice {
  return { launchType, compatibilities: [launchType], fargate: launchType === 'FARGATE' };
}

/**
 * A strategy of Fargate providers needs a FARGATE-compatible task definition, one of
 * Auto Scaling group providers an EC2-compatible one (ECS rejects mixing the two kinds).
 */
function byStrategy(strategy: CapacityProviderItem[]): LaunchChoice {
  const kinds = new Set<Compatibility>(
    strategy.map((i) => (FARGATE_PROVIDERS.has(i.capacityProvider) ? 'FARGATE' : 'EC2')),
  );
  const compatibilities = [...kinds].sort(compareStrings);
  const capacityProviderStrategy = strategy.map((i) => {
    const item: CapacityProviderItem = { capacityProvider: i.capacityProvider };
    if (i.weight !== undefined) item.weight = i.weight;
    if (i.base !== undefined) item.base = i.base;
    return item;
  });
  return { capacityProviderStrategy, compatibilities, fargate: kinds.has('FARGATE') };
}

function bothSet(report: Report, inConfig: boolean): void {
  const pointer = inConfig ? '/spec/defaults/task' : '/spec/task';
  const p = warning(
    'render/launch-type-and-strategy',
    pointer,
    'launchType and capacityProviderStrategy are both set; capacityProviderStrategy is used',
    'remove one of them',
  );
  report(inConfig ? { ...p, inConfig } : p);
}
