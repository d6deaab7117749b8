// The JSON Schemas in schemas/ (the source of truth for the manifest format): the files, for
// messages and hints, and their validators, compiled ahead of time.
import { existsSync, readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import * as generated from './generated/validators.js';

export type SchemaName = 'job' | 'config';

export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null | undefined;
}

/** Next to src/ when run from source, next to dist/src/ when built. */
function schemaUrl(name: SchemaName): URL {
  const file = `${name}.schema.json`;
  for (const rel of [`../../schemas/${file}`, `../../../schemas/${file}`]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) return url;
  }
  throw new Error(`schema ${file} not found next to the berth installation`);
}

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaUrl(name), 'utf8')) as Record<string, unknown>;
}

/** The validators, generated from the schemas at build time (scripts/generate-validators.mjs). */
export function validators(): Record<SchemaName, Validator> {
  return generated;
}
