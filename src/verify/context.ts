// What every check needs: the ports and where the repository runs.
import type { EcsPort, VerifyPorts } from '../model/ports.js';

export interface CheckContext {
  ports: VerifyPorts & { ecs: Pick<EcsPort, 'describeCluster'> };
  /** The repository's region (references without one of their own are there). */
  region: string | undefined;
  /** The account of the repository's cluster: references in other accounts are not checked. */
  account: string | undefined;
}

export const ok = (message: string) => ({ status: 'ok' as const, message });
export const failed = (message: string, fix: string) => ({ status: 'failed' as const, message, fix });
export const notChecked = (message: string) => ({ status: 'not-checked' as const, message });

/** " --region R" for a suggested command, when the region is known. */
export const regionFlag = (region: string | undefined) => (region ? ` --region ${region}` : '');
