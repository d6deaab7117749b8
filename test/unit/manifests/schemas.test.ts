// The schemas are documentation too: every field described, typos caught everywhere,
// examples that are themselves valid, and berth.yaml's copies of the shared definitions
// identical to the job schema's (minus null, which only a job may use to drop a default).
import { spawnSync } from 'node:child_process';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadSchema, validators } from '../../../src/manifests/schemas.js';

type Schema = Record<string, unknown>;
const job = loadSchema('job');
const config = loadSchema('config');

/** Follows a local $ref (a definition, or a field of one: environment overrides point there). */
function resolve(root: Schema, s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = (at as Schema)[part];
  return at as Schema;
}

/** The first description along a chain of $refs. */
function describedAt(root: Schema, s: Schema): boolean {
  if (s.description) return true;
  const next = resolve(root, s);
  return next !== s && describedAt(root, next);
}

/** Every (sub)schema with its JSON pointer inside the schema document. */
function nodes(root: Schema): [string, Schema][] {
  const out: [string, Schema][] = [];
  const walk = (s: unknown, path: string) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return;
    out.push([path, s as Schema]);
    for (const key of ['properties', 'definitions']) {
      const map = (s as Schema)[key] as Record<string, unknown> | undefined;
      for (const [k, v] of Object.entries(map ?? {})) walk(v, `${path}/${key}/${k}`);
    }
    for (const key of ['items', 'additionalProperties', 'propertyNames'])
      walk((s as Schema)[key], `${path}/${key}`);
  };
  walk(root, '');
  return out;
}

function stripNull(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(stripNull);
  if (typeof s !== 'object' || s === null) return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'type' && Array.isArray(v)) {
      const t = v.filter((x) => x !== 'null');
      out.type = t.length === 1 ? t[0] : t;
    } else if (k === 'enum') out.enum = (v as unknown[]).filter((x) => x !== null);
    else out[k] = stripNull(v);
  }
  return out;
}

describe.each([
  ['job', job],
  ['config', config],
])('%s schema', (name, root) => {
  it('is draft-07 with an $id', () => {
    expect(root.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(root.$id).toBe(`https://berth.dev/schemas/${name}.schema.json`);
  });

  it('describes every field', () => {
    const missing: string[] = [];
    for (const [path, s] of nodes(root))
      for (const [field, sub] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {}))
        if (!describedAt(root, sub)) missing.push(`${path}/properties/${field}`);
    expect(missing).toEqual([]);
  });

  it('rejects unknown fields in every object with declared fields', () => {
    const open = nodes(root)
      .filter(([, s]) => s.properties !== undefined && s.additionalProperties !== false)
      .map(([path]) => path);
    expect(open).toEqual([]);
  });

  it('has examples that pass their own schema', () => {
    const ajv = new Ajv({ allowUnionTypes: true, strict: false });
    ajv.addSchema(root);
    const wrong: string[] = [];
    for (const [path, s] of nodes(root)) {
      if (!Array.isArray(s.examples) || path === '') continue;
      const check = ajv.compile({ $ref: `${String(root.$id)}#${path}` });
      s.examples.forEach((ex, i) => {
        if (!check(ex)) wrong.push(`${path} example ${i}: ${ajv.errorsText(check.errors)}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it('compiles in ajv strict mode', () => {
    expect(() => new Ajv({ strict: true, allowUnionTypes: true }).compile(root)).not.toThrow();
    expect(typeof validators()[name as 'job' | 'config']).toBe('function');
  });
});

describe('berth.yaml defaults mirror the job schema', () => {
  const jd = job.definitions as Record<string, Schema>;
  const cd = config.definitions as Record<string, Schema>;
  const shared = [
    'task',
    'capacityProviderItem',
    'runtimePlatform',
    'logging',
    'stringMap',
    'tags',
    'retry',
    'sync',
    'subnets',
    'securityGroups',
    'assignPublicIp',
  ];

  it.each(shared)('definitions/%s is the job one without null', (def) => {
    expect(cd[def]).toEqual(stripNull(jd[def]));
  });

  it('defaults.schedule is a job schedule without the expression', () => {
    const { expression: _e, ...rest } = jd.schedule!.properties as Schema;
    expect(cd.scheduleDefaults!.properties).toEqual(stripNull(rest));
  });

  it('defaults.run is a job run without the per-job overrides', () => {
    const {
      command: _c,
      environment: _e,
      container: _n,
      containers: _s,
      ...rest
    } = jd.run!.properties as Schema;
    expect(cd.runDefaults!.properties).toEqual(stripNull(rest));
  });

  it('defaults.network holds exactly the network fields of run', () => {
    const runProps = jd.run!.properties as Schema;
    expect(cd.network!.properties).toEqual({
      subnets: runProps.subnets,
      securityGroups: runProps.securityGroups,
      assignPublicIp: runProps.assignPublicIp,
    });
  });

  it('lets a job drop a default with null, but not berth.yaml', () => {
    const v = validators();
    const base = { apiVersion: 'berth/v1', kind: 'Job', metadata: { name: 'x' } };
    expect(
      v.job({
        ...base,
        spec: { image: 'a/b:1', task: { cpu: null, launchType: null }, tags: { team: null } },
      }),
    ).toBe(true);
    const cfg = { apiVersion: 'berth/v1', kind: 'Config', metadata: { name: 'x' } };
    expect(
      v.config({ ...cfg, spec: { cluster: 'c', scheduleGroup: 'g', defaults: { task: { cpu: null } } } }),
    ).toBe(false);
  });
});

describe('the validators berth runs', () => {
  it('are generated from the schemas as they are now', () => {
    // npm run build regenerates them; a schema edited without a build would validate stale rules.
    const res = spawnSync(process.execPath, ['scripts/generate-validators.mjs', '--check'], {
      encoding: 'utf8',
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });
});
