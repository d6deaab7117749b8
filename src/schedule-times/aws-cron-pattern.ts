// The EventBridge Scheduler cron dialect mapped onto croner's 7-part pattern (second minute
// hour day-of-month month day-of-week year). The two differ where it matters: AWS numbers the
// days of the week 1 (SUN) to 7 (SAT) and croner 0 to 6; AWS accepts "5/15" (from 5, every 15)
// where croner wants a range; "L" alone in day-of-week is Saturday, the last day of the week.
// Ranges and steps are spelled out as lists, so croner only ever sees plain values and its own
// L, W and # tokens. A range written backwards (FRI-MON) wraps around, as in Quartz.
import { CRON_FIELDS } from '../manifests/cron.js';

type Field = (typeof CRON_FIELDS)[number];

/** croner pattern for the text between `cron(` and `)`; throws on what checkCron rejects. */
export function cronerPattern(body: string): string {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`cron needs 6 fields, found ${fields.length}`);
  const [minutes, hours, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  return [
    '0',
    numeric(minutes, CRON_FIELDS[0]!),
    numeric(hours, CRON_FIELDS[1]!),
    dayOfMonth(dom),
    numeric(month, CRON_FIELDS[3]!),
    dayOfWeek(dow),
    numeric(year, CRON_FIELDS[5]!),
  ].join(' ');
}

function numeric(text: string, f: Field): string {
  if (text === '*' || text === '?') return '*';
  return unique(text.split(',').flatMap((item) => expand(item, f))).join(',');
}

function dayOfMonth(text: string): string {
  if (text === '?' || text === '*') return '*';
  const items = text.toUpperCase().split(',');
  const special = (item: string) => item === 'L' || /^\d+W$/.test(item);
  return unique(
    items.flatMap((item) => (special(item) ? [item] : expand(item, CRON_FIELDS[2]!).map(String))),
  ).join(',');
}

function dayOfWeek(text: string): string {
  if (text === '?' || text === '*') return '*';
  const f = CRON_FIELDS[4]!;
  const out: string[] = [];
  for (const item of text.toUpperCase().split(',')) {
    if (item === 'L') out.push('6');
    else if (/^\w+L$/.test(item)) out.push(`${value(item.slice(0, -1), f) - 1}L`);
    else if (/^\w+#\d+$/.test(item)) {
      const [day, nth] = item.split('#') as [string, string];
      out.push(`${value(day, f) - 1}#${nth}`);
    } else out.push(...expand(item, f).map((d) => String(d - 1)));
  }
  return unique(out).join(',');
}

/** One list item of a numeric field as the values it stands for, in AWS numbering. */
function expand(item: string, f: Field): number[] {
  const [range, stepText] = item.split('/') as [string, string | undefined];
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1) throw new Error(`bad increment in "${item}"`);
  let from: number;
  let to: number;
  if (range === '*') [from, to] = [f.min, f.max];
  else if (range.includes('-')) {
    const [a, b] = range.split('-') as [string, string];
    [from, to] = [value(a, f), value(b, f)];
  } else {
    from = value(range, f);
    to = stepText === undefined ? from : f.max;
  }
  const span = to >= from ? to - from : f.max - from + 1 + (to - f.min);
  const out: number[] = [];
  for (let k = 0; k <= span; k += step)
    out.push(from + k > f.max ? from + k - (f.max - f.min + 1) : from + k);
  return out;
}

function value(token: string, f: Field): number {
  const up = token.toUpperCase();
  const named = f.names?.indexOf(up) ?? -1;
  const n = named >= 0 ? f.min + named : /^\d+$/.test(up) ? Number(up) : NaN;
  if (!(n >= f.min && n <= f.max)) throw new Error(`"${token}" is not a ${f.name} value`);
  return n;
}

function unique<T extends number | string>(xs: T[]): T[] {
  return [...new Set(xs)];
}
