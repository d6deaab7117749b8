// Image references as Docker reads them: [registry[:port]/]path[:tag][@algorithm:digest].
import { error, warning } from './finding.js';
import type { Finding } from './finding.js';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\\d+)?';
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}))?$`,
);

export interface ImageRef {
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(ref: string): ImageRef | undefined {
  if (ref.length > 255) return undefined;
  const m = REFERENCE.exec(ref);
  if (!m) return undefined;
  const [, domain, path, tag, digest] = m;
  // Docker's rule: the first part is a registry only if it looks like a host.
  let registry = domain;
  let repository = path!;
  if (registry && !/[.:]/.test(registry) && registry !== 'localhost') {
    if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(registry)) return undefined;
    repository = `${registry}/${repository}`;
    registry = undefined;
  }
  const out: ImageRef = { repository };
  if (registry) out.registry = registry;
  if (tag) out.tag = tag;
  if (digest) out.digest = digest;
  return out;
}

export function checkImage(ref: string, pointer: string): Finding[] {
  const parsed = parseImage(ref);
  if (!parsed) {
    const hint = /[A-Z]/.test(ref.split('@')[0]!.split(':')[0]!.split('/').slice(-1)[0] ?? '')
      ? 'repository names are lower case'
      : /\s/.test(ref)
        ? 'an image reference has no spaces'
        : 'write [registry/]repository[:tag] or …@sha256:<64 hex digits>, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:1.4.0';
    return [error('image/reference', pointer, `"${ref.slice(0, 80)}" is not a valid image reference`, hint)];
  }
  if (!parsed.digest && (parsed.tag === undefined || parsed.tag === 'latest'))
    return [
      warning(
        'image/unpinned',
        pointer,
        parsed.tag
          ? 'image tag "latest" moves: what runs is not what git says'
          : 'image has no tag, which means "latest"',
        'pin a version tag or a digest (@sha256:…)',
      ),
    ];
  return [];
}
