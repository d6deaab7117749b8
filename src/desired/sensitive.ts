// Which plain environment variables hold secrets, so plans, reports and logs mask their values.
// Shared with the validator (which warns about plaintext secrets in `environment`).
import { hasSecretShape, MASK } from './secret-shapes.js';

/** Words that mark a secret wherever they appear in a name (DB_PASSWORD, GithubTokenValue, …). */
const ANYWHERE = [
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'CREDENTIAL',
  'PRIVATE_KEY',
  'PRIVATEKEY',
  'API_KEY',
  'APIKEY',
  'ACCESS_KEY',
  'ACCESSKEY',
  'SIGNING_KEY',
  'ENCRYPTION_KEY',
  'CLIENT_KEY',
  'SESSION_KEY',
  'CONNECTION_STRING',
];

/** Short words that only count as a whole `_`-separated segment (TOKEN yes, TOKENIZER no). */
const SEGMENT = ['TOKEN', 'TOKENS', 'AUTH', 'DSN', 'COOKIE', 'PAT', 'JWT', 'HMAC'];

/** FOO_BAR, fooBar and foo-bar all become _FOO_BAR_ so segment matches are plain substring tests. */
function normalise(name: string): string {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_');
  return `_${snake.toUpperCase()}_`;
}

/** Names repeat across jobs (PIPELINE, DB_URL, …): each is judged once per process. */
const judged = new Map<string, boolean>();
const JUDGED_MAX = 10_000;

export function isSensitiveEnvName(name: string): boolean {
  let verdict = judged.get(name);
  if (verdict === undefined) {
    verdict = judge(name);
    if (judged.size >= JUDGED_MAX) judged.clear();
    judged.set(name, verdict);
  }
  return verdict;
}

function judge(name: string): boolean {
  const n = normalise(name);
  const compact = n.replace(/_/g, '');
  if (ANYWHERE.some((w) => n.includes(w) || compact.includes(w.replace(/_/g, '')))) return true;
  return SEGMENT.some((w) => n.includes(`_${w}_`));
}

/** A URL with user:password@ in it (postgres://etl:hunter2@db/…) is a secret whatever its name. */
export function hasEmbeddedCredentials(value: string): boolean {
  return /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(value);
}

/** By its name, a password in a URL, or a value shaped like a secret (AKIA…, ghp_…, xoxb-…). */
export function isSensitiveEnv(name: string, value: unknown): boolean {
  return (
    isSensitiveEnvName(name) ||
    (typeof value === 'string' && (hasEmbeddedCredentials(value) || hasSecretShape(value)))
  );
}

export { MASK };
