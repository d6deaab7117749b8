// Container images: an ECR tag or digest must exist; other registries are not checked (a public
// image may be anywhere, and berth holds no credentials for private registries).
import { failed, notChecked, ok, regionFlag, type CheckContext } from './context.js';
import { parseEcrImage, registryOf } from './image-ref.js';
import type { CheckOutcome } from './types.js';

export async function checkImage(image: string, ctx: CheckContext): Promise<CheckOutcome> {
  const ref = parseEcrImage(image);
  if (!ref) return notChecked(`image ${image} is in ${registryOf(image)}, not ECR: not checked`);
  const what = ref.digest ? `digest ${ref.digest}` : `tag ${ref.tag}`;
  const found = await ctx.ports.ecr.findImage(ref);
  if (found === 'found') return ok(`image ${image} exists`);
  if (found === 'repository-not-found')
    return failed(
      `ECR repository ${ref.repository} does not exist in registry ${ref.registryId} (${ref.region})`,
      `create it (aws ecr create-repository --repository-name ${ref.repository}${regionFlag(ref.region)}) and push the image, or correct the image`,
    );
  return failed(
    `image ${image}: repository ${ref.repository} has no ${what}`,
    `push it (docker push ${image}) or correct the ${ref.digest ? 'digest' : 'tag'}`,
  );
}
