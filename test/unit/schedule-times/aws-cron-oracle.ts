// A reference evaluator of the EventBridge cron dialect for tests: it asks of one wall-clock
// minute "does the expression match?", field by field, straight from the AWS documentation,
// and walks time minute by minute. Slow and obvious on purpose; src/schedule-times must agree.
import { IANAZone } from 'luxon';
import { CRON_FIELDS } from '../../../src/manifests/cron.js';

type Field = (typeof CRON_FIELDS)[number];

export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** 1 (SUN) … 7 (SAT), AWS numbering. */
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;

function num(token: string, f: Field): number {
  const i = f.names?.indexOf(token.toUpperCase()) ?? -1;
  return i >= 0 ? f.min + i : Number(token);
}

/** Does `v` belong to the plain list item (value, range, wrapping range, step)? */
function inItem(item: string, v: number, f: Field): boolean {
  const [range, stepText] = item.split('/') as [string, string | undefined];
  const step = stepText ? Number(stepText) : 1;
  let from: number;
  let to: number;
  if (range === '*') [from, to] = [f.min, f.max];
  else if (range.includes('-')) [from, to] = range.split('-').map((t) => num(t, f)) as [number, number];
  else [from, to] = [num(range, f), stepText ? f.max : num(range, f)];
  const size = f.max - f.min + 1;
  const offset = (((v - from) % size) + size) % size; // distance forward from `from`, wrapping
  const span = (((to - from) % size) + size) % size;
  return offset <= span && offset % step === 0;
}

function plain(text: string, v: number, f: Field): boolean {
  return text === '*' || text === '?' || text.split(',').some((item) => inItem(item, v, f));
}

function nearestWeekday(y: number, m: number, n: number): number | undefined {
  const last = daysIn(y, m);
  if (n > last) return undefined;
  const wd = weekday(y, m, n);
  if (wd === 7) return n === 1 ? 3 : n - 1; // Saturday: the Friday before, or Monday the 3rd
  if (wd === 1) return n === last ? n - 2 : n + 1; // Sunday: the Monday after, or Friday
  return n;
}

function domMatches(text: string, w: Wall): boolean {
  if (text === '?' || text === '*') return true;
  return text.split(',').some((item) => {
    const up = item.toUpperCase();
    if (up === 'L') return w.day === daysIn(w.year, w.month);
    if (/^\d+W$/.test(up)) return nearestWeekday(w.year, w.month, Number(up.slice(0, -1))) === w.day;
    return inItem(item, w.day, CRON_FIELDS[2]!);
  });
}

function dowMatches(text: string, w: Wall): boolean {
  if (text === '?' || text === '*') return true;
  const f = CRON_FIELDS[4]!;
  const wd = weekday(w.year, w.month, w.day);
  return text.split(',').some((item) => {
    const up = item.toUpperCase();
    if (up === 'L') return wd === 7;
    if (/^\w+L$/.test(up)) return wd === num(up.slice(0, -1), f) && w.day + 7 > daysIn(w.year, w.month);
    if (up.includes('#')) {
      const [d, k] = up.split('#') as [string, string];
      return wd === num(d, f) && Math.ceil(w.day / 7) === Number(k);
    }
    return inItem(item, wd, f);
  });
}

export function dayMatches(body: string, w: Omit<Wall, 'hour' | 'minute'>): boolean {
  const [, , dom, month, dow, year] = body.trim().split(/\s+/) as string[];
  const x = { ...w, hour: 0, minute: 0 };
  return (
    plain(year!, w.year, CRON_FIELDS[5]!) &&
    plain(month!, w.month, CRON_FIELDS[3]!) &&
    domMatches(dom!, x) &&
    dowMatches(dow!, x)
  );
}

export function matches(body: string, w: Wall): boolean {
  const [minute, hour] = body.trim().split(/\s+/) as string[];
  return (
    plain(minute!, w.minute, CRON_FIELDS[0]!) && plain(hour!, w.hour, CRON_FIELDS[1]!) && dayMatches(body, w)
  );
}

/** The next `count` matches strictly after `after`, in UTC, day by day then minute by minute, before `until`. */
export function bruteForceUtc(body: string, after: number, count: number, until: number): number[] {
  const out: number[] = [];
  const start = new Date(after);
  for (
    let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
    day < until && out.length < count;
    day += 86_400_000
  ) {
    const d = new Date(day);
    const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    if (!dayMatches(body, date)) continue;
    for (let m = 0; m < 1440 && out.length < count; m++) {
      const t = day + m * 60_000;
      if (t > after && matches(body, { ...date, hour: Math.floor(m / 60), minute: m % 60 })) out.push(t);
    }
  }
  return out;
}

/**
 * The next `count` fires in `zone`, minute by minute over real instants: a minute fires when its
 * local wall clock matches and that wall-clock minute did not already occur (fall-back repeats
 * fire once); wall-clock minutes a spring-forward gap skips never occur, so never fire.
 */
export function bruteForceZone(
  body: string,
  zone: string,
  after: number,
  count: number,
  minutes: number,
): number[] {
  const tz = IANAZone.create(zone);
  const wallOf = (t: number): Wall => {
    const d = new Date(t + tz.offset(t) * 60_000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
    };
  };
  const same = (a: Wall, b: Wall) => JSON.stringify(a) === JSON.stringify(b);
  const out: number[] = [];
  const first = Math.floor(after / 60_000) * 60_000 + 60_000;
  for (let t = first; out.length < count && t < first + minutes * 60_000; t += 60_000) {
    const w = wallOf(t);
    if (!matches(body, w)) continue;
    const seenBefore = [30, 60, 120].some((back) => same(wallOf(t - back * 60_000), w));
    if (!seenBefore) out.push(t);
  }
  return out;
}
