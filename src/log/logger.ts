// Structured JSON logs (pino) on stdout, written synchronously (a controller logs little and
// must not lose its last lines on exit), one line per meaningful event. Secrets are kept out twice:
// known secret keys are redacted by path, and every string that looks like a URL with
// credentials (git's error messages quote them) is masked before the line is written.
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactText } from '../source/redact-url.js';
import { REDACT_PATHS, REDACTED } from './redact-paths.js';

export type { Logger };

export interface LoggerOptions {
  /** fatal | error | warn | info | debug | trace | silent */
  level?: string;
  /** Where lines go (default stdout); tests pass a stream that collects them. */
  destination?: DestinationStream;
  /** Fields on every line. */
  base?: Record<string, unknown>;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
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
      serializers: { err: (err: unknown) => scrub(pino.stdSerializers.err(err as Error)) },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => (typeof a === 'string' ? redactText(a) : a));
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

/** Strings with "://" anywhere in a log object, credentials masked (depth-limited). */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.includes('://') ? redactText(value) : value;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}
