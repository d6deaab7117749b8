// --timeout values ("90s", "30m", "1h30m", "2h", "1d", PT1H, or plain seconds) and the
// elapsed times progress lines show.
import { Duration } from 'luxon';
import { BerthError } from '../model/errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string, flag = '--timeout'): number {
  const t = text.trim().toLowerCase();
  let ms: number | undefined;
  if (/^\d+(\.\d+)?$/.test(t)) ms = Number(t) * 1_000;
  else if (/^p/.test(t)) {
    const d = Duration.fromISO(t.toUpperCase());
    ms = d.isValid ? d.as('milliseconds') : undefined;
  } else if (/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(t)) {
    ms = 0;
    for (const [, n, unit] of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) ms += Number(n) * UNIT_MS[unit!]!;
  }
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0)
    throw new BerthError('Invalid', `${flag} "${text}" is not a duration`, {
      hint: 'e.g. 90s, 30m, 1h30m, 2h, PT1H',
    });
  return Math.round(ms);
}

/** 45s, 4m12s, 1h02m, 2d03h: two units at most, enough to read at a glance. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d${pad(Math.floor((s % 86400) / 3600))}h`;
}
