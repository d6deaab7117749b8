// berth.yaml → a schema-valid RepoConfig with positions, or diagnostics saying why not.
import { append } from './append.js';
import { decodeFile } from './decode.js';
import { diagnostic, hasErrors } from './diagnostic.js';
import { isReadable } from './files.js';
import type { InputFile } from './files.js';
import { checkHeader, isMapping, notAMapping } from './header.js';
import { lookupSiteDiagnostics, withoutLookupValues } from './lookup-rules.js';
import { findLookupSites, type LookupSite } from './lookup-sites.js';
import { placeFinding } from './placement.js';
import type { Place } from './placement.js';
import type { PositionIndex } from './positions.js';
import { checkConfigFields } from './rules/index.js';
import { checkEnvironments } from './rules/environments.js';
import { fieldHomes } from './schema-fields.js';
import { schemaDiagnostics } from './schema-errors.js';
import { loadSchema, validators } from './schemas.js';
import { parseYaml } from './yaml-parse.js';
import { controlCharacters } from './control-characters.js';
import { checkSecretShapes } from './rules/secret-shapes.js';
import { wellFormedPart } from './well-formed.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { RepoConfig } from '../model/manifest.js';

export const CONFIG_FILE = 'berth.yaml';
export const DEFAULT_JOBS_DIR = 'jobs';

export interface ConfigDocument {
  /** Present when berth.yaml passed the schema: good enough to validate jobs against. */
  config: RepoConfig | undefined;
  positions: PositionIndex | undefined;
  diagnostics: Diagnostic[];
  /** Where the config says jobs are; the default when it cannot be read. */
  jobsDir: string;
  /** The `{{ … }}` lookups in its values. */
  lookups: LookupSite[];
}

let schemaInfo: { root: Record<string, unknown>; homes: Map<string, string[]> } | undefined;
function configSchemaInfo() {
  if (!schemaInfo) {
    const root = loadSchema('config');
    schemaInfo = { root, homes: fieldHomes(root) };
  }
  return schemaInfo;
}

export function readConfig(file: InputFile | undefined, path = CONFIG_FILE): ConfigDocument {
  const result: ConfigDocument = {
    config: undefined,
    positions: undefined,
    diagnostics: [],
    jobsDir: DEFAULT_JOBS_DIR,
    lookups: [],
  };
  const out = result.diagnostics;
  if (!file) {
    out.push(
      diagnostic({
        severity: 'error',
        file: path,
        line: 0,
        column: 0,
        pointer: '',
        rule: 'config/missing',
        message: `no ${path} at the repository root`,
        hint: 'run `berth init` to create one (or point -C/--dir at the repository)',
      }),
    );
    return result;
  }
  if (!isReadable(file)) {
    out.push(file.problem);
    return result;
  }
  const decoded = decodeFile(file);
  if (!decoded.ok) {
    out.push(decoded.diagnostic);
    return result;
  }
  const parsed = parseYaml(file.path, decoded.text);
  append(out, parsed.diagnostics);
  const docs = parsed.documents.filter((d) => !d.empty);
  if (docs.length === 0 && !hasErrors(out)) {
    out.push(
      diagnostic({
        severity: 'error',
        file: file.path,
        line: 1,
        column: 1,
        pointer: '',
        rule: 'config/empty',
        message: `${file.path} is empty`,
        hint: 'it needs apiVersion, kind: Config, metadata and spec',
      }),
    );
    return result;
  }
  if (docs.length > 1) {
    const at = docs[1]!.start;
    out.push(
      diagnostic({
        severity: 'error',
        file: file.path,
        line: at[0],
        column: at[1],
        pointer: '',
        rule: 'config/multiple-documents',
        message: `${file.path} must hold one document, found ${docs.length}`,
        hint: 'jobs go in the jobs directory, one per document',
      }),
    );
  }
  const doc = docs[0];
  if (!doc || doc.broken) return result;
  result.positions = doc.positions;
  if (!isMapping(doc.value)) {
    out.push(notAMapping(file.path, doc.value, doc.start, 'Config'));
    return result;
  }
  if (isMapping(doc.value.spec) && typeof doc.value.spec.jobsDir === 'string')
    result.jobsDir = doc.value.spec.jobsDir;
  const header = checkHeader(file.path, doc.value, doc.positions, 'Config');
  out.push(...header);
  if (header.length > 0) return result;
  const place: Place = { file: file.path, positions: doc.positions };
  const controls = controlCharacters(doc.value).map((f) => placeFinding(f, place));
  append(out, controls);
  append(
    out,
    checkSecretShapes(doc.value).map((f) => placeFinding(f, place)),
  );
  const validate = validators().config;
  if (!validate(doc.value)) {
    const info = configSchemaInfo();
    const errors = [...(validate.errors ?? [])];
    out.push(
      ...schemaDiagnostics(errors, {
        file: file.path,
        positions: doc.positions,
        root: info.root,
        homes: info.homes,
      }),
    );
    // All problems at once: the config's own rules still check what is well-formed.
    const part = wellFormedPart(doc.value, errors, validate);
    if (part)
      append(
        out,
        checkConfigFields(part as unknown as RepoConfig).map((f) => placeFinding(f, place)),
      );
    return result;
  }
  if (controls.length > 0) return result;
  const config = doc.value as unknown as RepoConfig;
  result.lookups = findLookupSites(doc.value, doc.positions, decoded.text);
  append(out, lookupSiteDiagnostics(result.lookups, 'config', file.path));
  append(
    out,
    withoutLookupValues([...checkConfigFields(config), ...checkEnvironments(config)], result.lookups).map(
      (f) => placeFinding(f, place),
    ),
  );
  result.config = config;
  return result;
}
