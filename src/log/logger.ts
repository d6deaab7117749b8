// Structured JSON logs (pino) on stdout, written synchronously (a controller logs little and
// must not lose its last lines on exit), one line per meaningful event. Secrets are kept out twice:
// known secret keys are redacted by path, and every string that looks like a URL with
// credentials (git's error messages quote them) is masked before the line is written. A third
// net: the values the process knows to be secret (`secrets`) are masked wherever they appear.
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactText } from '../source/redact-url.js';
import { REDACT_PATHS, REDACTED } from './redact-paths.js';
import { secretMask } from './scrub.js';

export type { Logger };

export interface LoggerOptions {
  /** fatal | error | warn | info | debug | trace | silent */
  level?: string;
  /** Where lines go (default stdout); tests pass a stream that collects them. */
  destination?: DestinationStream;
  /** Fields on every line. */
  base?: Record<string, unknown>;
  /** Exact values never to print (and their URL-encoded forms), e.g. webhook secrets. */
  secrets?: readonly string[];
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const mask = secretMask(opts.secrets ?? []);
  const scrub = (value: unknown) => scrubValue(value, mask);
  return pino(
    {
      level: opts.level ?? 'info',
      base: { name: 'berth', ...opts.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => scrub(obj) as Record<string, unknown>,
      },
      serializers: {
        // Usually already made plain (and masked) by formatters.log, which runs first.
        err: (err: unknown) => (err instanceof Error ? scrub(pino.stdSerializers.err(err)) : err),
      },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => (typeof a === 'string' ? mask(redactText(a)) : a));
          return method.apply(this, clean as Parameters<typeof method>);
        },
      },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** Every string in a log object: URL credentials and known secrets masked (depth-limited). */
function scrubValue(value: unknown, mask: (s: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return mask(value.includes('://') ? redactText(value) : value);
  // This runs before pino's serializers: an Error (own properties not enumerable) would become {}.
  if (value instanceof Error) return scrubValue(pino.stdSerializers.err(value), mask, depth + 1);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, mask, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, mask, depth + 1);
  return out;
}
