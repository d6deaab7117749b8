// EcrPort on the SDK: does a tag or digest exist in a repository (DescribeImages, which reads
// metadata only: no layer is pulled).
import { DescribeImagesCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { BerthError } from '../model/errors.js';
import type { EcrPort } from '../model/ports.js';
import { makeCaller } from './errors.js';
import { sdkErrorName } from './error-name.js';

export function createEcrPort(client: (region?: string) => ECRClient): EcrPort {
  return {
    async findImage(ref) {
      const c = client(ref.region);
      const call = makeCaller('ecr', () => c.config.region());
      const imageId = ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag ?? 'latest' };
      try {
        const out = await call('DescribeImages', ref.repository, () =>
          c.send(
            new DescribeImagesCommand({
              registryId: ref.registryId,
              repositoryName: ref.repository,
              imageIds: [imageId],
            }),
          ),
        );
        return (out.imageDetails ?? []).length > 0 ? 'found' : 'image-not-found';
      } catch (err) {
        const name = sdkErrorName(err);
        if (name === 'RepositoryNotFoundException') return 'repository-not-found';
        if (name === 'ImageNotFoundException') return 'image-not-found';
        if (err instanceof BerthError && err.code === 'NotFound') return 'image-not-found';
        throw err;
      }
    },
  };
}
