// BERTH_RATE_LIMITS: client-side AWS rate limits, for accounts whose quotas were raised (and for
// benchmarks against a local emulator). "off" switches every limit off; otherwise a comma list of
// `key=requests-per-second` merged over the defaults in src/aws/rate-limit.ts, where a key is
// "service:Operation", "service:*" or "*" and 0 means unlimited:
//   BERTH_RATE_LIMITS="ecs:RegisterTaskDefinition=10,ecs:DeregisterTaskDefinition=10"
import { BerthError } from '../model/errors.js';

export type RateLimitSetting = 'off' | Record<string, number>;

const KEY = /^(\*|[a-z0-9-]+:(\*|[A-Za-z0-9]+))$/;

export function parseRateLimits(text: string, name = 'BERTH_RATE_LIMITS'): RateLimitSetting {
  const t = text.trim();
  if (t.toLowerCase() === 'off') return 'off';
  const out: Record<string, number> = {};
  for (const part of t.split(',')) {
    const m = /^\s*([^=\s]+)\s*=\s*([^=\s]+)\s*$/.exec(part);
    const key = m?.[1];
    const rate = Number(m?.[2]);
    if (!key || !KEY.test(key) || m?.[2] === undefined || !Number.isFinite(rate) || rate < 0) {
      throw new BerthError('Invalid', `${name}: "${part.trim()}" is not key=requests-per-second`, {
        hint: 'e.g. off, or ecs:RegisterTaskDefinition=10,scheduler:*=100 (0 = unlimited)',
      });
    }
    out[key] = rate;
  }
  return out;
}
