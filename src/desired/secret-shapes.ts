// Secrets recognised by their form, whatever the name they are stored under: an AWS access key
// id, a GitHub or Slack token, a Slack incoming-webhook URL, a private-key block, or a
// `--db-password=…` style flag in a command. `validate` warns where one is written (never
// echoing it), and every output people read masks it: render, plan (text, Markdown, JSON),
// diff, pr-report, drift, apply, run and the controller's logs.
/** Placeholder shown instead of a sensitive value (re-exported by sensitive.ts). */
export const MASK = '(sensitive)';

export interface SecretShape {
  /** Stable id, shown in warnings (never the value). */
  id: string;
  /** What it is, for people. */
  what: string;
  /** Global regex; `keep` is how many leading characters of a match stay visible (a flag's name). */
  pattern: RegExp;
  keep?: (match: RegExpExecArray) => number;
  /** A match that is not a secret after all (a flag naming a file or an ARN). */
  not?: (match: RegExpExecArray) => boolean;
}

const FLAG_WORDS =
  'password|passwd|passphrase|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credentials?';

export const SECRET_SHAPES: readonly SecretShape[] = [
  {
    id: 'aws-access-key-id',
    what: 'an AWS access key id',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g,
  },
  {
    id: 'github-token',
    what: 'a GitHub token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  { id: 'slack-token', what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/g },
  {
    id: 'slack-webhook-url',
    what: 'a Slack incoming-webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{8,}/g,
  },
  {
    id: 'private-key',
    what: 'a private key',
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    id: 'password-flag',
    what: 'a password given as a command-line flag',
    // --db-password=hunter2, -api-key=…, --token=… (the value up to the next space or quote).
    pattern: new RegExp(
      `(?<![A-Za-z0-9])(--?[A-Za-z0-9_.-]*(?:${FLAG_WORDS})[A-Za-z0-9_.-]*=)([^\\s"']+)`,
      'gi',
    ),
    keep: (m) => m[1]!.length,
    // --password-file=/run/…, --secret-arn=arn:…, --token-env=NAME name where the secret is.
    not: (m) =>
      /(?:file|path|dir|env|var|name|arn|ref|id|url|length|len|type)=$/i.test(m[1]!) ||
      /^(?:arn:|\/)/.test(m[2]!),
  },
];

/** The shapes found in `text` (each once, in list order). */
export function secretShapesIn(text: string): SecretShape[] {
  if (text.length < 10) return [];
  return SECRET_SHAPES.filter((s) => {
    for (const m of text.matchAll(s.pattern)) if (!harmless(s, m)) return true;
    return false;
  });
}

/** A placeholder or reference (--token=<aws.scheduler.…>, ${VAR}, $(…), {{…}}) is not a secret. */
function harmless(s: SecretShape, m: RegExpExecArray): boolean {
  const value = m[0].slice(s.keep?.(m) ?? 0);
  return /^(?:<|\$\{|\$\(|\{\{|%\()/.test(value) || value === MASK || (s.not?.(m) ?? false);
}

export function hasSecretShape(text: string): boolean {
  return secretShapesIn(text).length > 0;
}

/** `text` with every secret-shaped part replaced by the mask (a flag keeps its name). */
export function maskSecretShapes(text: string): string {
  if (text.length < 10) return text;
  let out = text;
  for (const s of SECRET_SHAPES) {
    s.pattern.lastIndex = 0;
    out = out.replace(s.pattern, (...args: unknown[]) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      return harmless(s, m) ? m[0] : m[0].slice(0, s.keep?.(m) ?? 0) + MASK;
    });
  }
  return out;
}

/** Every string in a JSON-like value masked (depth-bounded); other values as they are. */
export function maskSecretShapesDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskSecretShapes(value) as T;
  if (depth > 32 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => maskSecretShapesDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskSecretShapesDeep(v, depth + 1);
  return out as T;
}

/** True when any string inside `value` holds a secret shape. */
export function containsSecretShape(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return hasSecretShape(value);
  if (depth > 32 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((v) => containsSecretShape(v, depth + 1));
}
