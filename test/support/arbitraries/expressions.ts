// fast-check arbitraries for schedule expressions, time zones and dates, valid by the rules
// EventBridge Scheduler applies (the ones src/manifests/cron.ts and expression.ts encode).
import fc from 'fast-check';
import { CRON_FIELDS } from '../../../src/manifests/cron.js';

type Field = (typeof CRON_FIELDS)[number];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function value(f: Field): fc.Arbitrary<{ n: number; text: string }> {
  const n = fc.integer({ min: f.min, max: f.max });
  if (!f.names) return n.map((x) => ({ n: x, text: String(x) }));
  return fc.tuple(n, fc.boolean()).map(([x, named]) => ({
    n: x,
    text: named ? f.names![x - f.min]! : String(x),
  }));
}

/** A value or a forward range (a backwards range is only a warning, and means little). */
function valueOrRange(f: Field): fc.Arbitrary<string> {
  return fc.oneof(
    value(f).map((v) => v.text),
    fc
      .tuple(value(f), value(f))
      .map(([a, b]) => (a.n <= b.n ? `${a.text}-${b.text}` : `${b.text}-${a.text}`)),
  );
}

function cronField(f: Field): fc.Arbitrary<string> {
  const step = fc.integer({ min: 1, max: f.max - f.min + 1 });
  const plain = fc.oneof(
    { weight: 3, arbitrary: fc.constant('*') },
    { weight: 3, arbitrary: valueOrRange(f) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.oneof(fc.constant('*'), valueOrRange(f)), step).map(([a, s]) => `${a}/${s}`),
    },
    {
      weight: 1,
      arbitrary: fc.array(valueOrRange(f), { minLength: 2, maxLength: 3 }).map((l) => l.join(',')),
    },
  );
  if (f.dayOfMonth)
    return fc.oneof(
      { weight: 6, arbitrary: plain },
      { weight: 1, arbitrary: fc.constant('L') },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 31 }).map((d) => `${d}W`) },
    );
  if (f.dayOfWeek)
    return fc.oneof(
      { weight: 6, arbitrary: plain },
      { weight: 1, arbitrary: fc.constant('L') },
      { weight: 1, arbitrary: value(f).map((v) => `${v.text}L`) },
      {
        weight: 1,
        arbitrary: fc.tuple(value(f), fc.integer({ min: 1, max: 5 })).map(([v, k]) => `${v.text}#${k}`),
      },
    );
  return plain;
}

/** cron(min hour dom month dow year), exactly one of the day fields "?". */
export const cronExpression: fc.Arbitrary<string> = fc
  .tuple(...CRON_FIELDS.map(cronField), fc.boolean())
  .map(([min, hour, dom, month, dow, year, questionInDom]) => {
    const days = questionInDom ? ['?', dow] : [dom, '?'];
    return `cron(${[min, hour, days[0], month, days[1], year].join(' ')})`;
  });

export const rateExpression: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 1000 }), fc.constantFrom('minute', 'hour', 'day'))
  .map(([n, unit]) => `rate(${n} ${n === 1 ? unit : `${unit}s`})`);

/** A wall-clock time well in the future (past ones only warn, and one-time schedules then lapse). */
export const futureDateTime: fc.Arbitrary<string> = fc
  .record({
    y: fc.integer({ min: 2031, max: 2099 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ y, mo, d, h, mi, s }) => `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`);

export const atExpression: fc.Arbitrary<string> = futureDateTime.map((t) => `at(${t})`);

export const expression = fc.oneof(
  { weight: 5, arbitrary: cronExpression.map((e) => ({ kind: 'cron' as const, e })) },
  { weight: 3, arbitrary: rateExpression.map((e) => ({ kind: 'rate' as const, e })) },
  { weight: 2, arbitrary: atExpression.map((e) => ({ kind: 'at' as const, e })) },
);

/** IANA names as this Node knows them (canonical, so berth's case check passes). */
export const timezone: fc.Arbitrary<string> = fc.constantFrom(
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((z) => !/^(Etc\/)?GMT[+-]/.test(z)),
);

/** StartDate / EndDate: a year window each, so start < end whatever the offsets. */
export function dateIn(years: [number, number]): fc.Arbitrary<string> {
  return fc
    .tuple(
      futureDateTime,
      fc.integer({ min: years[0], max: years[1] }),
      fc.constantFrom('', 'Z', '+09:00', '-05:30', '+00:00'),
    )
    .map(([t, y, offset]) => `${y}${t.slice(4)}${offset}`);
}
