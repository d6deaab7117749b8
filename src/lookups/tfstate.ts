// Terraform state (format version 4, Terraform 0.12 and later) and the addresses people write
// for values in it: output.NAME[…], and [module.M[i].]…[data.]TYPE.NAME[i].attribute[…].
// Values marked sensitive (outputs, or attributes in sensitive_attributes) are refused:
// secrets go through a job's secrets:, not lookups. Pure.

export type StateValue = { ok: true; value: string } | { ok: false; message: string; hint?: string };

interface StateInstance {
  index_key?: number | string;
  attributes?: Record<string, unknown>;
  sensitive_attributes?: unknown[];
}
interface StateResource {
  module?: string;
  mode?: string;
  type?: string;
  name?: string;
  instances?: StateInstance[];
}
export interface TerraformState {
  version: 4;
  outputs?: Record<string, { value?: unknown; sensitive?: boolean }>;
  resources?: StateResource[];
}

type Step = { name: string } | { index: number | string };

export function parseState(
  text: string,
): { ok: true; state: TerraformState } | { ok: false; message: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, message: 'is not a Terraform state file (not JSON)' };
  }
  const version = (doc as { version?: unknown } | null)?.version;
  if (typeof doc !== 'object' || doc === null || version !== 4)
    return {
      ok: false,
      message:
        version === undefined
          ? 'is not a Terraform state file (no "version")'
          : `is Terraform state format ${String(version)}; berth reads format 4 (Terraform 0.12 and later)`,
    };
  return { ok: true, state: doc as TerraformState };
}

/** "module.vpc.aws_subnet.private[0].id" → steps; undefined when it cannot be read. */
export function parseAddress(address: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = 0;
  const name = /[A-Za-z_][A-Za-z0-9_-]*/y;
  const index = /\[\s*(?:(-?\d+)|"((?:[^"\\]|\\.)*)")\s*\]/y;
  while (i < address.length) {
    if (steps.length > 0) {
      index.lastIndex = i;
      const ix = index.exec(address);
      if (ix) {
        steps.push({ index: ix[1] !== undefined ? Number(ix[1]) : ix[2]!.replace(/\\(.)/g, '$1') });
        i = index.lastIndex;
        continue;
      }
      if (address[i] !== '.') return undefined;
      i++;
    }
    name.lastIndex = i;
    const n = name.exec(address);
    if (!n) return undefined;
    steps.push({ name: n[0] });
    i = name.lastIndex;
  }
  return steps.length > 0 ? steps : undefined;
}

const ADDRESS_HINT =
  'write output.NAME, TYPE.NAME.attribute, TYPE.NAME[0].attribute, data.TYPE.NAME.attribute or module.M.TYPE.NAME.attribute';

export function stateValue(state: TerraformState, address: string): StateValue {
  const steps = parseAddress(address);
  if (!steps) return { ok: false, message: `"${address}" is not a state address`, hint: ADDRESS_HINT };
  const names = steps.map((s) => ('name' in s ? s.name : undefined));
  if (names[0] === 'output') {
    const out = names[1] === undefined ? undefined : state.outputs?.[names[1]];
    if (!out)
      return { ok: false, message: `no output "${names[1] ?? ''}" in the state`, hint: outputsHint(state) };
    if (out.sensitive) return sensitive(`output ${names[1]}`);
    return scalar(walk(out.value, steps.slice(2)), address);
  }
  // Module path, then [data.]TYPE.NAME[index], then the attribute path.
  let i = 0;
  const module: string[] = [];
  while (names[i] === 'module' && names[i + 1] !== undefined) {
    let m = `module.${names[i + 1]}`;
    i += 2;
    const ix = steps[i];
    if (ix && 'index' in ix) {
      m += typeof ix.index === 'number' ? `[${ix.index}]` : `[${JSON.stringify(ix.index)}]`;
      i++;
    }
    module.push(m);
  }
  const mode = names[i] === 'data' ? 'data' : 'managed';
  if (mode === 'data') i++;
  const [type, name] = [names[i], names[i + 1]];
  if (type === undefined || name === undefined)
    return { ok: false, message: `"${address}" names no resource`, hint: ADDRESS_HINT };
  i += 2;
  const moduleText = module.join('.');
  const what = `${moduleText ? `${moduleText}.` : ''}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  const resource = (state.resources ?? []).find(
    (r) =>
      (r.mode ?? 'managed') === mode && r.type === type && r.name === name && (r.module ?? '') === moduleText,
  );
  if (!resource)
    return {
      ok: false,
      message: `no ${what} in the state`,
      hint: 'check the address with `terraform state list`',
    };
  const instances = resource.instances ?? [];
  const ix = steps[i];
  let instance: StateInstance | undefined;
  if (ix && 'index' in ix) {
    instance = instances.find((x) => x.index_key === ix.index);
    i++;
    if (!instance)
      return {
        ok: false,
        message: `${what} has no instance [${JSON.stringify(ix.index)}]`,
        hint: keysHint(instances),
      };
  } else if (instances.length === 1) instance = instances[0];
  else instance = instances.find((x) => x.index_key === undefined);
  if (!instance)
    return {
      ok: false,
      message: `${what} has ${instances.length} instances: say which`,
      hint: keysHint(instances),
    };
  const path = steps.slice(i);
  const first = path[0];
  if (!first || !('name' in first))
    return {
      ok: false,
      message: `"${address}" names a resource, not one of its attributes`,
      hint: `e.g. ${what}.id`,
    };
  if (isSensitivePath(instance.sensitive_attributes, path)) return sensitive(`${what}.${first.name}`);
  return scalar(walk(instance.attributes, path), address);
}

function walk(value: unknown, path: readonly Step[]): { found: boolean; value: unknown } {
  let v = value;
  for (const s of path) {
    if ('name' in s) {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !(s.name in v))
        return { found: false, value: undefined };
      v = (v as Record<string, unknown>)[s.name];
    } else if (typeof s.index === 'number') {
      if (!Array.isArray(v) || s.index < 0 || s.index >= v.length) return { found: false, value: undefined };
      v = v[s.index];
    } else {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !(s.index in v))
        return { found: false, value: undefined };
      v = (v as Record<string, unknown>)[s.index];
    }
  }
  return { found: true, value: v };
}

function scalar(r: { found: boolean; value: unknown }, address: string): StateValue {
  if (!r.found)
    return {
      ok: false,
      message: `nothing at ${address} in the state`,
      hint: 'check the attribute name with `terraform state show`',
    };
  const v = r.value;
  if (typeof v === 'string') return { ok: true, value: v };
  if (typeof v === 'number' || typeof v === 'boolean') return { ok: true, value: String(v) };
  if (v === null) return { ok: false, message: `${address} is null in the state` };
  return {
    ok: false,
    message: `${address} is a ${Array.isArray(v) ? 'list' : 'map'}, not a single value`,
    hint: Array.isArray(v) ? `pick an item: ${address}[0]` : `pick a key: ${address}.KEY`,
  };
}

/** sensitive_attributes: paths like [{type: "get_attr", value: "password"}, …]. */
function isSensitivePath(paths: unknown[] | undefined, path: readonly Step[]): boolean {
  for (const p of paths ?? []) {
    if (!Array.isArray(p)) continue;
    const marked = p.map((step: { type?: string; value?: unknown }) =>
      step?.type === 'get_attr'
        ? String(step.value)
        : typeof step?.value === 'object' && step.value !== null
          ? String((step.value as { value?: unknown }).value)
          : String(step?.value),
    );
    const ours = path.map((s) => ('name' in s ? s.name : String(s.index)));
    // Sensitive when one path contains the other: the value itself, or something inside it.
    const n = Math.min(marked.length, ours.length);
    if (n > 0 && marked.slice(0, n).every((m, k) => m === ours[k])) return true;
  }
  return false;
}

function sensitive(what: string): StateValue {
  return {
    ok: false,
    message: `${what} is marked sensitive in the state; lookups never read secrets`,
    hint: "put the secret in SSM Parameter Store or Secrets Manager and reference it from the job's secrets:",
  };
}

function outputsHint(state: TerraformState): string {
  const names = Object.keys(state.outputs ?? {});
  return names.length > 0 ? `outputs: ${names.slice(0, 10).join(', ')}` : 'the state has no outputs';
}

function keysHint(instances: StateInstance[]): string {
  const keys = instances.map((x) => JSON.stringify(x.index_key ?? null));
  return `instances: ${keys.slice(0, 10).join(', ')}`;
}
