// `berth drift --from URL`: read a running controller's drift report over HTTP. The URL is
// typed by a person and may carry user:password@ for a proxy in front of the controller: it is
// checked before anything is sent, its credentials travel as a Basic authorization header and
// are never printed, and the answer is read with a size cap and a time limit, so a wrong or
// hostile server can neither fill memory nor hold berth forever. A controller of several
// environments answers one environment's report under ?env=NAME (a controller of one ignores
// it) and, without it, an index of every environment, which is refused with their names.
import { DRIFT_JSON_KIND, type DriftReport } from '../controller/drift-report.js';
import { BerthError } from '../model/errors.js';

/** A drift report of 10,000 drifted jobs is a few MiB; anything far larger is not one. */
export const MAX_DRIFT_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 15_000;
const HINT = 'give the controller’s base URL, e.g. --from http://berth-controller:8080';

/** The URL as it may be shown: never its user name or password. */
export function shownUrl(text: string): string {
  return JSON.stringify(text.replace(/\/\/[^/?#@]*@/, '//***@').slice(0, 200));
}

/** The controller's /api/drift URL (of `env`, when given) and the headers to send, or a clear refusal. */
export function driftRequest(base: string, env?: string): { url: URL; headers: Record<string, string> } {
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new BerthError('Invalid', `--from ${shownUrl(base)} is not a URL`, { hint: HINT });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new BerthError(
      'Invalid',
      `--from ${shownUrl(base)} is not an http(s) URL (${parsed.protocol.slice(0, 20)} is not supported)`,
      { hint: HINT },
    );
  const headers: Record<string, string> = { accept: 'application/json' };
  if (parsed.username || parsed.password) {
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  // A controller behind a proxy may live under a path: http://host/berth/ → /berth/api/drift.
  parsed.search = '';
  parsed.hash = '';
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  const url = new URL('api/drift', parsed);
  if (env !== undefined) url.searchParams.set('env', env);
  return { url, headers };
}

export interface DriftFetchOptions {
  /** The environment to ask a controller of several for (--env). */
  env?: string;
  maxBytes?: number;
  timeoutMs?: number;
}

export async function fetchDriftReport(base: string, opts: DriftFetchOptions = {}): Promise<DriftReport> {
  const { env, maxBytes = MAX_DRIFT_BYTES, timeoutMs = TIMEOUT_MS } = opts;
  const { url, headers } = driftRequest(base, env);
  const where = `${url.origin}${url.pathname.replace(/\/api\/drift$/, '')}`;
  let text: string;
  try {
    const res = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    if (res.status === 404 && env !== undefined) {
      // A controller of several answers an environment it does not reconcile with their names.
      const known = environmentsOf(await cappedText(res, 64 * 1024).catch(() => ''));
      if (known)
        throw wrongEnvironment(known, `the controller has no environment ${JSON.stringify(env)}; it `);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status}`);
    }
    text = await cappedText(res, maxBytes);
  } catch (err) {
    if (err instanceof BerthError) throw err;
    const reason =
      err instanceof Error && err.name === 'TimeoutError'
        ? `no complete answer within ${timeoutMs / 1000} s`
        : err instanceof Error
          ? err.message
          : String(err);
    throw new BerthError('Unreachable', `could not read drift from ${where}: ${reason}`, {
      hint: 'is `berth controller` running and its port reachable?',
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (isDriftIndex(doc)) throw wrongEnvironment(Object.keys(doc.environments), 'the controller ');
  if (!isDriftReport(doc))
    throw new BerthError('Invalid', `${where}/api/drift did not answer with a berth drift report`, {
      hint: HINT,
    });
  return doc;
}

function wrongEnvironment(known: string[], lead: string): BerthError {
  const names = known
    .map((n) => n.slice(0, 64))
    .slice(0, 20)
    .join(', ');
  return new BerthError('Invalid', `${lead}reconciles ${names}: pass --env NAME`);
}

/** A controller of several environments, asked without ?env: every environment's report. */
function isDriftIndex(doc: unknown): doc is { environments: Record<string, unknown> } {
  const d = doc as { kind?: unknown; environments?: unknown } | null | undefined;
  return (
    typeof d === 'object' &&
    d !== null &&
    d.kind === 'berth.drift-index' &&
    typeof d.environments === 'object' &&
    d.environments !== null &&
    !Array.isArray(d.environments)
  );
}

/** The environment names of a 404 of a controller of several ({error, environments}), if it is one. */
function environmentsOf(text: string): string[] | undefined {
  try {
    const body = JSON.parse(text) as { environments?: unknown };
    const names = body.environments;
    return Array.isArray(names) && names.length > 0 && names.every((n) => typeof n === 'string')
      ? names
      : undefined;
  } catch {
    return undefined;
  }
}

/** The shape the renderers rely on: a hostile answer must be refused, not crash them. */
function isDriftReport(doc: unknown): doc is DriftReport {
  const d = doc as Partial<DriftReport> | null | undefined;
  const str = (v: unknown) => typeof v === 'string';
  const strOrNull = (v: unknown) => v === null || typeof v === 'string';
  return (
    typeof d === 'object' &&
    d !== null &&
    d.kind === DRIFT_JSON_KIND &&
    d.formatVersion === 1 &&
    typeof d.drifted === 'number' &&
    [d.owner, d.scheduleGroup, d.revision].every(strOrNull) &&
    Array.isArray(d.jobs) &&
    d.jobs.every(
      (j) =>
        typeof j === 'object' &&
        j !== null &&
        str(j.job) &&
        str(j.action) &&
        str(j.lastSeen) &&
        [j.file, j.firstSeen, j.revision, j.message].every(strOrNull) &&
        Array.isArray(j.changes) &&
        j.changes.every(
          (c) => typeof c === 'object' && c !== null && str(c.path) && str(c.resource) && str(c.name),
        ),
    )
  );
}

/** The body as text, refused (and the connection dropped) once it passes `maxBytes`. */
async function cappedText(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge(maxBytes);
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): Error {
  return new Error(
    `the answer is larger than ${Math.round(maxBytes / (1024 * 1024))} MiB: not a drift report`,
  );
}
