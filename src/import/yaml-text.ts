// An imported manifest as the YAML a person would write: short string lists in flow style
// ([sales, --mode, incremental]), single quotes where quoting is needed, a header saying where
// the job came from.
import { Document, isScalar, parse, Scalar, visit } from 'yaml';
import type { JobManifest } from '../model/manifest.js';

const FLOW_MAX = 100;

export function manifestYaml(manifest: JobManifest, header: string[]): string {
  const doc = new Document(manifest);
  visit(doc, {
    Seq(_key, node) {
      const scalars = node.items.every((i) => isScalar(i));
      const width = node.items.reduce<number>((n, i) => n + String(isScalar(i) ? i.value : '').length + 2, 2);
      if (scalars && width <= FLOW_MAX) node.flow = true;
    },
    Scalar(_key, node) {
      if (typeof node.value === 'string' && notStringIn11(node.value)) node.type = Scalar.QUOTE_SINGLE;
    },
  });
  // On the root map rather than the document: no blank line between the header and the manifest.
  if (header.length > 0 && doc.contents) doc.contents.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, singleQuote: true });
}

/**
 * berth reads YAML 1.2, where 2018-01-01 or `on` are strings; editors and linters that read
 * YAML 1.1 would take them for a date or a boolean. Quoted, every reader agrees.
 */
function notStringIn11(text: string): boolean {
  if (text.length > 64 || /[\n:#[\]{}]/.test(text)) return false;
  try {
    return typeof parse(text, { version: '1.1' }) !== 'string';
  } catch {
    return false;
  }
}
