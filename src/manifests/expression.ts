// ScheduleExpression: cron(…), rate(N unit) or at(yyyy-mm-ddThh:mm:ss), checked the way
// EventBridge Scheduler reads them (it rejects "rate(1 days)" and "rate(5 minute)").
import { checkCron } from './cron.js';

export type ExpressionKind = 'cron' | 'rate' | 'at';

export interface ExpressionProblem {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

export interface ExpressionCheck {
  kind: ExpressionKind | undefined;
  problems: ExpressionProblem[];
  /** For at(): the wall-clock time, as written (read in the schedule's time zone). */
  at?: { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

const FORMS = 'cron(0 3 * * ? *), rate(1 hour), rate(15 minutes) or at(2026-03-01T01:00:00)';

export function checkExpression(expr: string): ExpressionCheck {
  if (expr !== expr.trim())
    return fail(undefined, 'schedule/expression', 'the expression has spaces around it', 'remove them');
  const m = /^([A-Za-z]+)\((.*)\)$/s.exec(expr);
  if (!m) return notAnExpression(expr);
  const [, fn, body] = m as unknown as [string, string, string];
  if (fn === 'cron') return { kind: 'cron', problems: checkCron(body) };
  if (fn === 'rate') return checkRate(body);
  if (fn === 'at') return checkAt(body);
  const lower = fn.toLowerCase();
  if (lower === 'cron' || lower === 'rate' || lower === 'at')
    return fail(undefined, 'schedule/expression', `write ${lower}( in lower case, not ${fn}(`);
  return fail(undefined, 'schedule/expression', `unknown schedule expression ${fn}(…)`, `write ${FORMS}`);
}

function notAnExpression(expr: string): ExpressionCheck {
  const fields = expr.trim().split(/\s+/);
  const looksLikeCron =
    fields.length >= 5 && fields.length <= 7 && fields.every((f) => /^[\d*?/,\-LW#A-Za-z]+$/.test(f));
  const hint = looksLikeCron
    ? `wrap it in cron(…) and use the six-field EventBridge form, e.g. cron(0 3 * * ? *)`
    : `write ${FORMS}`;
  return fail(undefined, 'schedule/expression', 'not a schedule expression', hint);
}

const UNITS = ['minute', 'hour', 'day'];

function checkRate(body: string): ExpressionCheck {
  const m = /^(\d+) ([a-z]+)$/.exec(body);
  if (!m) {
    const loose = /^\s*(\d+)\s+([A-Za-z]+)\s*$/.exec(body);
    const hint = loose
      ? `write rate(${loose[1]} ${loose[2]!.toLowerCase()}) with a single space and nothing else`
      : 'write rate(N unit) with unit minute(s), hour(s) or day(s), e.g. rate(15 minutes)';
    return fail('rate', 'schedule/rate', `"rate(${body})" is not rate(N unit)`, hint);
  }
  const n = Number(m[1]);
  const unit = m[2]!;
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  if (!UNITS.includes(singular)) {
    const hint =
      singular === 'week'
        ? `use rate(${n * 7} days) or a cron expression`
        : singular === 'second'
          ? 'the shortest rate is rate(1 minute)'
          : 'units are minute(s), hour(s) and day(s)';
    return fail('rate', 'schedule/rate', `unknown rate unit "${unit}"`, hint);
  }
  if (n < 1) return fail('rate', 'schedule/rate', 'the rate must be at least 1', 'e.g. rate(1 hour)');
  const want = n === 1 ? singular : `${singular}s`;
  if (unit !== want)
    return fail(
      'rate',
      'schedule/rate',
      `write rate(${n} ${want}), not rate(${n} ${unit})`,
      'Scheduler wants the singular unit for 1 and the plural otherwise',
    );
  return { kind: 'rate', problems: [] };
}

function checkAt(body: string): ExpressionCheck {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!m)
    return fail(
      'at',
      'schedule/at',
      `"at(${body})" is not at(yyyy-mm-ddThh:mm:ss)`,
      'e.g. at(2026-03-01T01:00:00): no time zone offset, no fractions; set schedule.timezone instead',
    );
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real =
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute &&
    d.getUTCSeconds() === second;
  if (!real) return fail('at', 'schedule/at', `at(${body}) is not a real date and time`);
  return { kind: 'at', problems: [], at: { year, month, day, hour, minute, second } };
}

function fail(
  kind: ExpressionKind | undefined,
  rule: string,
  message: string,
  hint?: string,
): ExpressionCheck {
  const p: ExpressionProblem = { rule, severity: 'error', message };
  if (hint !== undefined) p.hint = hint;
  return { kind, problems: [p] };
}
