// Launch type or capacity provider strategy, decided the way desired/launch.ts decides it:
// what the job writes beats the defaults, and at one level a strategy beats a launch type.
import type { CapacityProviderItem, TaskSpec } from '../model/manifest.js';

export interface Launch {
  launchType: 'FARGATE' | 'EC2' | 'EXTERNAL' | undefined;
  strategy: CapacityProviderItem[] | undefined;
  /** Runs (at least partly) on Fargate. */
  fargate: boolean;
  /** Runs (at least partly) on EC2 instances. */
  ec2: boolean;
  /** Where the choice was written: the job's own task or the defaults. */
  source: 'job' | 'defaults';
}

export const FARGATE_PROVIDERS: ReadonlySet<string> = new Set(['FARGATE', 'FARGATE_SPOT']);

export function resolveLaunch(own: TaskSpec | undefined, effective: TaskSpec): Launch {
  const o = own ?? {};
  if (o.capacityProviderStrategy) return byStrategy(o.capacityProviderStrategy, 'job');
  if (o.launchType) return byType(o.launchType, 'job');
  if (effective.capacityProviderStrategy) return byStrategy(effective.capacityProviderStrategy, 'defaults');
  return byType(effective.launchType ?? 'FARGATE', 'defaults');
}

function byType(launchType: 'FARGATE' | 'EC2' | 'EXTERNAL', source: Launch['source']): Launch {
  return {
    launchType,
    strategy: undefined,
    fargate: launchType === 'FARGATE',
    ec2: launchType !== 'FARGATE',
    source,
  };
}

function byStrategy(strategy: CapacityProviderItem[], source: Launch['source']): Launch {
  const fargate = strategy.some((i) => FARGATE_PROVIDERS.has(i.capacityProvider));
  const ec2 = strategy.some((i) => !FARGATE_PROVIDERS.has(i.capacityProvider));
  return { launchType: undefined, strategy, fargate, ec2, source };
}

export function networkModeOf(task: TaskSpec): string {
  return task.networkMode ?? 'awsvpc';
}
