// Every field the schema knows, by name, with where it belongs. Lets an unknown field
// be answered with "cpu belongs under spec.task" rather than only "unknown field".

type Schema = Record<string, unknown>;

function resolve(root: Schema, s: unknown): Schema | undefined {
  if (typeof s !== 'object' || s === null) return undefined;
  const ref = (s as Schema).$ref;
  // Any local JSON pointer: environment overrides point into other definitions' properties.
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let at: unknown = root;
    for (const part of ref.slice(2).split('/')) at = (at as Schema | undefined)?.[part];
    return resolve(root, at);
  }
  return s as Schema;
}

/** Field name → dotted paths of the objects that declare it ("spec.task", "spec.containers[]"). */
export function fieldHomes(root: Schema): Map<string, string[]> {
  const homes = new Map<string, string[]>();
  const walk = (schema: unknown, path: string, depth: number): void => {
    const s = resolve(root, schema);
    if (!s || depth > 8) return;
    const props = s.properties as Record<string, unknown> | undefined;
    if (props) {
      for (const [name, sub] of Object.entries(props)) {
        const list = homes.get(name) ?? [];
        if (!list.includes(path)) list.push(path);
        homes.set(name, list);
        walk(sub, path ? `${path}.${name}` : name, depth + 1);
      }
    }
    if (s.items) walk(s.items, `${path}[]`, depth + 1);
  };
  walk(root, '', 0);
  return homes;
}

/** A field's description as a hint: all of it when short, else its first sentence. */
export function describeField(root: Schema, parent: unknown, field: string): string | undefined {
  const p = resolve(root, parent);
  const props = p?.properties as Record<string, unknown> | undefined;
  const sub = props?.[field] as Schema | undefined;
  const text = describedAlong(root, sub);
  if (!text || text.length <= 200) return text;
  const end = text.search(/\.(\s|$)/);
  return end > 0 ? text.slice(0, end + 1) : text;
}

/** The first description along a chain of $refs (a field's own words before its type's). */
function describedAlong(root: Schema, s: Schema | undefined): string | undefined {
  if (!s) return undefined;
  if (typeof s.description === 'string') return s.description;
  const ref = s.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = (at as Schema | undefined)?.[part];
  return describedAlong(root, at as Schema | undefined);
}
