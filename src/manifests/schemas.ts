// The JSON Schemas in schemas/ (the source of truth for the manifest format), compiled once.
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';

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

// ajv-formats is CommonJS; its default export arrives wrapped under ESM + NodeNext.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

// Compiling costs tens of milliseconds; the compiled functions are pure, so one copy
// per process is a cache, not shared mutable state.
let compiled: Record<SchemaName, ValidateFunction> | undefined;

export function validators(): Record<SchemaName, Validator> {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictNumbers: true, verbose: true });
    addFormats(ajv);
    compiled = { job: ajv.compile(loadSchema('job')), config: ajv.compile(loadSchema('config')) };
  }
  return compiled;
}
