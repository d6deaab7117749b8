// The one JSON contract of every `-o json`: an object whose first keys are `kind` (what it is)
// and `formatVersion` (1: keys may be added, never removed or renamed). docs/json-output.md
// documents each kind; a test runs every command with -o json and holds them to it. Pure.

export const FORMAT_VERSION = 1;

/** Every kind berth writes (commands, the controller's API, alert webhooks). */
export const JSON_KINDS = [
  'berth.validate',
  'berth.render',
  'berth.plan',
  'berth.apply',
  'berth.run',
  'berth.backfill',
  'berth.diff',
  'berth.diff.environments',
  'berth.drift',
  'berth.verify',
  'berth.import',
  'berth.lock',
  'berth.set-image',
  'berth.runs',
  'berth.schedule',
  'berth.error',
  'berth.status',
  'berth.status-index',
  'berth.drift-index',
  'berth.runs-index',
  'berth.alert',
] as const;
export type JsonKind = (typeof JSON_KINDS)[number];

export type Envelope<T extends object> = { kind: JsonKind; formatVersion: typeof FORMAT_VERSION } & T;

export function envelope<T extends object>(kind: JsonKind, body: T): Envelope<T> {
  return { kind, formatVersion: FORMAT_VERSION, ...body };
}

/** The document as berth prints it: indented, one trailing newline. */
export function jsonDocument<T extends object>(kind: JsonKind, body: T): string {
  return `${JSON.stringify(envelope(kind, body), null, 2)}\n`;
}
