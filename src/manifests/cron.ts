// The EventBridge Scheduler cron dialect: cron(minutes hours day-of-month month day-of-week year).
// Not Unix cron: six fields, a year, `?` in exactly one of the two day fields, days of
// the week numbered 1 (SUN) to 7 (SAT), and the Quartz-style L, W and # wildcards.
// AWS only finds mistakes when the schedule is created; this finds them in review.

export interface CronProblem {
  rule: 'cron/fields' | 'cron/day-fields' | 'cron/value' | 'cron/reversed-range';
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  question?: boolean;
  dayOfMonth?: boolean;
  dayOfWeek?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export const CRON_FIELDS: readonly FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true, dayOfMonth: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, question: true, dayOfWeek: true },
  { name: 'year', min: 1970, max: 2199 },
];

const SHAPE_HINT = 'cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 3 * * ? *)';

/** Problems in the text between `cron(` and `)`; an empty list means AWS will accept it. */
export function checkCron(body: string): CronProblem[] {
  const fields = body
    .trim()
    .split(/\s+/)
    .filter((f) => f !== '');
  if (fields.length !== 6) return [fieldCount(fields.length)];
  const problems: CronProblem[] = [];
  fields.forEach((text, i) => problems.push(...checkField(text, CRON_FIELDS[i]!)));
  const [dom, dow] = [fields[2]!, fields[4]!];
  if ((dom === '?') === (dow === '?'))
    problems.push({
      rule: 'cron/day-fields',
      severity: 'error',
      message:
        dom === '?'
          ? 'day-of-month and day-of-week are both "?"; one of them must name days'
          : `exactly one of day-of-month ("${dom}") and day-of-week ("${dow}") must be "?"`,
      hint: 'every day: cron(0 3 * * ? *); weekdays: cron(0 3 ? * MON-FRI *)',
    });
  return problems;
}

function fieldCount(n: number): CronProblem {
  const hint =
    n === 5
      ? `EventBridge cron has a sixth field, the year: add " *" (and use "?" in one day field) — ${SHAPE_HINT}`
      : n === 7
        ? `EventBridge cron has no seconds field: drop the first one — ${SHAPE_HINT}`
        : SHAPE_HINT;
  return { rule: 'cron/fields', severity: 'error', message: `cron needs 6 fields, found ${n}`, hint };
}

function checkField(text: string, f: FieldSpec): CronProblem[] {
  if (text === '?') return f.question ? [] : [bad(f, `"?" is only allowed in day-of-month and day-of-week`)];
  const items = text.split(',');
  // Only # (day of week) and W (day of month) must stand alone; the W of WED is a day name.
  const alone = f.dayOfWeek ? '#' : f.dayOfMonth ? 'W' : undefined;
  if (items.length > 1 && alone && text.toUpperCase().includes(alone))
    return [bad(f, `"${text}": ${alone} cannot be combined with other values in a list`)];
  const problems: CronProblem[] = [];
  for (const item of items) {
    const p = checkItem(item, f);
    if (p) problems.push(p);
  }
  return problems;
}

function checkItem(item: string, f: FieldSpec): CronProblem | undefined {
  const up = item.toUpperCase();
  if (item === '') return bad(f, 'empty value in a list (two commas in a row?)');
  if (item === '?') return bad(f, '"?" must stand alone');
  if (f.dayOfMonth) {
    if (up === 'L') return undefined;
    const w = /^(\d+)W$/.exec(up);
    if (w) return inRange(Number(w[1]), f, item);
  }
  if (f.dayOfWeek) {
    if (up === 'L') return undefined;
    const last = /^(\w+)L$/.exec(up);
    if (last) return value(last[1]!, f, item).problem;
    const nth = /^(\w+)#(\d+)$/.exec(up);
    if (nth) {
      const day = value(nth[1]!, f, item);
      if (day.problem) return day.problem;
      const n = Number(nth[2]);
      return n >= 1 && n <= 5 ? undefined : bad(f, `"${item}": the week of the month after # must be 1–5`);
    }
  }
  if (/[LW#]/.test(up) && !f.names?.some((n) => up.includes(n))) return wildcardMisuse(item, up, f);
  const [range, step, extra] = item.split('/');
  if (extra !== undefined) return bad(f, `"${item}" has more than one "/"`);
  if (step !== undefined) {
    if (!/^\d+$/.test(step)) return bad(f, `"${item}": the increment after "/" must be a number`);
    const s = Number(step);
    if (s < 1 || s > f.max - f.min + 1)
      return bad(f, `"${item}": the increment must be between 1 and ${f.max - f.min + 1}`);
  }
  if (range === '*') return undefined;
  const [from, to, more] = range!.split('-');
  if (more !== undefined || from === '' || to === '') return bad(f, `"${item}" is not a value or a range`);
  const a = value(from!, f, item);
  if (a.problem) return a.problem;
  if (to === undefined) return undefined;
  const b = value(to, f, item);
  if (b.problem) return b.problem;
  if (b.n! < a.n!)
    return {
      rule: 'cron/reversed-range',
      severity: 'warning',
      message: `${f.name} range "${item}" runs backwards`,
      hint: `write it as two ranges, e.g. ${from}-${f.names?.[f.max - f.min] ?? f.max},${f.names?.[0] ?? f.min}-${to}`,
    };
  return undefined;
}

function value(token: string, f: FieldSpec, item: string): { n?: number; problem?: CronProblem } {
  const up = token.toUpperCase();
  if (/^\d+$/.test(up)) {
    const n = Number(up);
    const p = inRange(n, f, item);
    return p ? { problem: p } : { n };
  }
  const idx = f.names?.indexOf(up) ?? -1;
  if (idx >= 0) return { n: f.min + idx };
  const names = f.names ? ` or ${f.names[0]}-${f.names.at(-1)}` : '';
  return { problem: bad(f, `"${item}": "${token}" is not a ${f.name} value (${f.min}-${f.max}${names})`) };
}

function inRange(n: number, f: FieldSpec, item: string): CronProblem | undefined {
  if (n >= f.min && n <= f.max) return undefined;
  const sundayHint = f.dayOfWeek && n === 0 ? ' (Sunday is 1 or SUN here, not 0)' : '';
  return bad(f, `"${item}" is out of range: ${f.name} is ${f.min}-${f.max}${sundayHint}`);
}

function wildcardMisuse(item: string, up: string, f: FieldSpec): CronProblem {
  if (f.dayOfMonth)
    return bad(
      f,
      `"${item}": write L alone (last day) or a day followed by W (15W: weekday nearest the 15th)`,
    );
  if (f.dayOfWeek)
    return bad(f, `"${item}": write L alone, a day followed by L (6L: last Friday) or day#n (MON#2)`);
  const w = up.includes('#') ? '#' : up.includes('W') ? 'W' : 'L';
  return bad(f, `"${item}": "${w}" is only allowed in the day fields`);
}

function bad(f: FieldSpec, message: string): CronProblem {
  return { rule: 'cron/value', severity: 'error', message: `${f.name}: ${message}`, hint: SHAPE_HINT };
}
