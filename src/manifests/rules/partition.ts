// Every ARN names its partition (arn:aws:…, arn:aws-cn:…, arn:aws-us-gov:…), and a region
// belongs to exactly one: an arn:aws-cn: role in a us-east-1 repository can never be assumed,
// and AWS only says so when the schedule fires. Checked on every ARN as written, job and config.
import { joinPointer } from '../pointer.js';
import { error, type Finding } from './finding.js';

/** The partition a region belongs to, from its name. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

/** The partition berth.yaml places the repository in: spec.region, else the cluster ARN's. */
export function repositoryPartition(
  region: string | undefined,
  cluster: string | undefined,
): string | undefined {
  if (region) return partitionOf(region);
  const m = cluster ? /^arn:([^:]+):/.exec(cluster) : null;
  return m?.[1];
}

export function checkPartitions(
  value: unknown,
  partition: string | undefined,
  where: string,
  pointer = '',
): Finding[] {
  if (!partition) return [];
  if (typeof value === 'string') {
    const m = /^arn:([^:]*):/.exec(value);
    if (!m || m[1] === partition) return [];
    return [
      error(
        'arn/partition',
        pointer,
        `this ARN is in partition "${m[1]!.slice(0, 20)}", but the repository is in "${partition}" (${where})`,
        `use an arn:${partition}: ARN, or fix spec.region in berth.yaml`,
      ),
    ];
  }
  if (Array.isArray(value))
    return value.flatMap((v, i) => checkPartitions(v, partition, where, joinPointer(pointer, i)));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    checkPartitions(v, partition, where, joinPointer(pointer, k)),
  );
}
