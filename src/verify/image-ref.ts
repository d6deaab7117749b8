// Container image references: ECR ones are checked, anything else is reported as not checked.
import type { EcrImageRef } from '../model/ports.js';

// ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]/REPO[:TAG][@sha256:DIGEST]
const ECR =
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?$/;

export function parseEcrImage(image: string): EcrImageRef | undefined {
  const m = ECR.exec(image.trim());
  if (!m) return undefined;
  const [, registryId, region, repository, tag, digest] = m;
  const ref: EcrImageRef = { registryId: registryId!, region: region!, repository: repository! };
  if (digest) ref.digest = digest;
  else ref.tag = tag ?? 'latest';
  return ref;
}

/** The registry host of any image reference ("docker.io" when none is named). */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'docker.io';
}
