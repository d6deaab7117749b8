// Secrets by their form (desired/secret-shapes.ts) wherever they are written in a manifest:
// a warning at the value, naming the kind of secret, never the value. Variables whose names
// already mark them as secrets get the secrets/plaintext warning instead (one warning a value).
import { secretShapesIn } from '../../desired/secret-shapes.js';
import { isSensitiveEnvName } from '../../desired/sensitive.js';
import { joinPointer } from '../pointer.js';
import { warning, type Finding } from './finding.js';

const ENV_NAME = /\/environment\/([^/]+)$/;

export function checkSecretShapes(value: unknown, pointer = '', depth = 0): Finding[] {
  if (depth > 64) return [];
  if (typeof value === 'string') {
    const shapes = secretShapesIn(value);
    if (shapes.length === 0) return [];
    const env = ENV_NAME.exec(pointer)?.[1];
    if (env !== undefined && isSensitiveEnvName(env.replace(/~1/g, '/').replace(/~0/g, '~'))) return [];
    const what = shapes.map((s) => s.what).join(' and ');
    return [
      warning(
        'secrets/shape',
        pointer,
        `this value looks like ${what} [${shapes.map((s) => s.id).join(', ')}]; berth masks it in every output, but it is in git in plain text`,
        'store it in SSM Parameter Store or Secrets Manager and reference it under secrets: (or pass it at run time)',
      ),
    ];
  }
  if (Array.isArray(value))
    return value.flatMap((v, i) => checkSecretShapes(v, joinPointer(pointer, i), depth + 1));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => checkSecretShapes(v, joinPointer(pointer, k), depth + 1));
}
