// One job file → the job documents in it (schema-checked, with positions) and what is
// wrong with it. Cross-file and merged-job rules run later, in validate.ts.
import { append } from './append.js';
import { decodeFile } from './decode.js';
import { diagnostic } from './diagnostic.js';
import { isReadable } from './files.js';
import type { InputFile } from './files.js';
import { checkHeader, isMapping, notAMapping } from './header.js';
import { lookupSiteDiagnostics, withoutLookupValues } from './lookup-rules.js';
import { findLookupSites, type LookupSite } from './lookup-sites.js';
import { placeFinding } from './placement.js';
import type { Position, PositionIndex } from './positions.js';
import { checkJobFields } from './rules/index.js';
import { nameOf, salvageNames } from './salvage.js';
import { fieldHomes } from './schema-fields.js';
import { schemaDiagnostics } from './schema-errors.js';
import { loadSchema, validators } from './schemas.js';
import { parseYaml } from './yaml-parse.js';
import { controlCharacters } from './control-characters.js';
import { checkSecretShapes } from './rules/secret-shapes.js';
import { wellFormedPart } from './well-formed.js';
import { keepWrittenEnvironment } from './written-text.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { JobManifest } from '../model/manifest.js';

export interface JobDocument {
  file: string;
  index: number;
  start: Position;
  positions: PositionIndex;
  /** metadata.name when it is a readable string, even if the document is otherwise broken. */
  name: string | undefined;
  /** Set when the document passed the schema. */
  manifest: JobManifest | undefined;
  /** The `{{ … }}` lookups in its values (absent: none). */
  lookups?: LookupSite[];
}

export interface JobFile {
  path: string;
  documents: JobDocument[];
  diagnostics: Diagnostic[];
  /** Names read from a file that could not be parsed into documents. */
  salvagedNames: string[];
}

let schemaInfo: { root: Record<string, unknown>; homes: Map<string, string[]> } | undefined;
function jobSchemaInfo() {
  if (!schemaInfo) {
    const root = loadSchema('job');
    schemaInfo = { root, homes: fieldHomes(root) };
  }
  return schemaInfo;
}

export function readJobFile(file: InputFile): JobFile {
  const result: JobFile = { path: file.path, documents: [], diagnostics: [], salvagedNames: [] };
  const out = result.diagnostics;
  if (!isReadable(file)) {
    out.push(file.problem);
    return result;
  }
  const decoded = decodeFile(file);
  if (!decoded.ok) {
    out.push(decoded.diagnostic);
    if (decoded.salvage !== undefined) result.salvagedNames = salvageNames(decoded.salvage);
    return result;
  }
  const parsed = parseYaml(file.path, decoded.text);
  append(out, parsed.diagnostics);
  if (parsed.documents.length === 0 || parsed.documents.some((d) => d.broken))
    result.salvagedNames = salvageNames(decoded.text);
  const nonEmpty = parsed.documents.filter((d) => !d.empty);
  if (
    nonEmpty.length === 0 &&
    parsed.documents.length > 0 &&
    !parsed.diagnostics.some((d) => d.severity === 'error')
  )
    out.push(
      warn(file.path, [1, 1], 'yaml/empty', 'the file has no job in it', 'delete it, or add a job manifest'),
    );
  else
    for (const d of parsed.documents)
      if (d.empty && nonEmpty.length > 0)
        out.push(
          warn(
            file.path,
            d.start,
            'yaml/empty',
            `document ${d.index + 1} is empty`,
            'remove the stray "---"',
          ),
        );

  for (const d of nonEmpty) {
    const doc: JobDocument = {
      file: file.path,
      index: d.index,
      start: d.start,
      positions: d.positions,
      name: nameOf(d.value) ?? d.name,
      manifest: undefined,
    };
    result.documents.push(doc);
    if (d.broken) continue;
    if (!isMapping(d.value)) {
      out.push(notAMapping(file.path, d.value, d.start, 'Job'));
      continue;
    }
    const place = { file: file.path, positions: d.positions, job: doc.name };
    const header = checkHeader(file.path, d.value, d.positions, 'Job');
    out.push(...header);
    if (header.length > 0) continue;
    // Environment values as written (01234 stays 01234), then no raw control characters anywhere.
    keepWrittenEnvironment(d.value, d.written);
    const controls = controlCharacters(d.value).map((f) => placeFinding(f, place));
    append(out, controls);
    append(
      out,
      checkSecretShapes(d.value).map((f) => placeFinding(f, place)),
    );
    const validate = validators().job;
    if (!validate(d.value)) {
      const info = jobSchemaInfo();
      const errors = [...(validate.errors ?? [])];
      append(
        out,
        schemaDiagnostics(errors, {
          file: file.path,
          positions: d.positions,
          root: info.root,
          homes: info.homes,
          job: doc.name,
        }),
      );
      // All problems at once: the rules still check the fields that are well-formed.
      const part = wellFormedPart(d.value, errors, validate);
      if (part)
        append(
          out,
          checkJobFields(part as unknown as JobManifest).map((f) => placeFinding(f, place)),
        );
      continue;
    }
    if (controls.length > 0) continue;
    doc.manifest = d.value as unknown as JobManifest;
    const sites = findLookupSites(d.value, d.positions, decoded.text);
    if (sites.length > 0) {
      doc.lookups = sites;
      append(out, lookupSiteDiagnostics(sites, 'job', file.path, doc.name));
    }
    // A value that is still a lookup is checked once it is resolved (validate.ts).
    append(
      out,
      withoutLookupValues(checkJobFields(doc.manifest), sites).map((f) =>
        placeFinding(f, { file: file.path, positions: d.positions, job: doc.name }),
      ),
    );
  }
  return result;
}

function warn(file: string, at: Position, rule: string, message: string, hint: string): Diagnostic {
  return diagnostic({
    severity: 'warning',
    file,
    line: at[0],
    column: at[1],
    pointer: '',
    rule,
    message,
    hint,
  });
}
