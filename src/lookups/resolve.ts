// Resolving lookups: the async step between reading manifests and rendering them. Each distinct
// call is resolved once per load; state files and CloudFormation stacks are read once however
// many values come from them, SSM parameters in batches. A value that does not exist is a
// positioned error in the manifest (LookupResult ok: false); AWS being unreachable or refusing
// is a BerthError for the whole command. Either way nothing is rendered, so nothing is pruned.
import { isSensitiveEnvName } from '../desired/sensitive.js';
import type {
  LookupCall,
  LookupContext,
  LookupFunction,
  LookupResolver,
  LookupResult,
  LookupStats,
} from '../model/lookups.js';
import type { AwsPorts } from '../model/ports.js';
import { assertAccount } from '../pipeline/account.js';
import { readLocalState } from './local-state.js';
import { parseState, stateValue, type TerraformState } from './tfstate.js';

export interface LookupSources {
  /** The variables {{ env }} may read (src/config hands over the process environment). */
  env: Readonly<Record<string, string | undefined>>;
  /** AWS for the environment being loaded; without it AWS lookups are deferred (offline commands). */
  aws?: (ctx: LookupContext) => AwsPorts;
}

const AWS_FUNCTIONS: readonly LookupFunction[] = ['ssm', 'cfn'];

export function createLookupResolver(sources: LookupSources): LookupResolver {
  return async (calls, ctx) => {
    const results = new Map<string, LookupResult>();
    const stats: LookupStats = { uses: 0, resolved: calls.length, byFunction: {}, reads: 0, failed: 0 };
    for (const c of calls) stats.byFunction[c.fn] = (stats.byFunction[c.fn] ?? 0) + 1;
    const needsAws = calls.filter(
      (c) => AWS_FUNCTIONS.includes(c.fn) || (c.fn === 'tfstate' && isS3(c.args[0]!)),
    );
    let ports: AwsPorts | undefined;
    if (needsAws.length > 0 && sources.aws) {
      ports = sources.aws(ctx);
      // The environment's account, checked before any value is read from it.
      await assertAccount(ports, ctx.config.spec.account, ctx.environment);
    }
    for (const c of calls)
      if (c.fn === 'env' || c.fn === 'must_env') results.set(c.key, fromEnv(c, sources.env));
    for (const c of needsAws) if (!ports) results.set(c.key, deferred(c));
    await resolveStates(
      calls.filter((c) => c.fn === 'tfstate' && (ports || !isS3(c.args[0]!))),
      ctx,
      ports,
      results,
      stats,
    );
    if (ports?.lookups) {
      await resolveParameters(
        calls.filter((c) => c.fn === 'ssm'),
        ctx,
        ports,
        results,
        stats,
      );
      await resolveStacks(
        calls.filter((c) => c.fn === 'cfn'),
        ctx,
        ports,
        results,
        stats,
      );
    }
    stats.failed = [...results.values()].filter((r) => !r.ok).length;
    return { results, stats };
  };
}

function fromEnv(c: LookupCall, env: LookupSources['env']): LookupResult {
  const name = c.args[0]!;
  if (isSensitiveEnvName(name) || /^AWS_/i.test(name))
    return {
      ok: false,
      message: `"${name}" looks like a secret's name; lookups never read secrets`,
      hint: 'pass secrets to the job through secrets: (SSM Parameter Store or Secrets Manager), not through lookups',
    };
  const value = env[name];
  if (c.fn === 'must_env') {
    if (value === undefined || value === '')
      return {
        ok: false,
        message: `the environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}`,
        hint: `set ${name} where berth runs (e.g. the CI job's env), or use {{ env "${name}" "default" }}`,
      };
    return { ok: true, value, source: `env ${name}` };
  }
  if (value !== undefined) return { ok: true, value, source: `env ${name}` };
  const fallback = c.args[1] ?? '';
  return { ok: true, value: fallback, source: `env ${name} (not set: default)` };
}

function deferred(c: LookupCall): LookupResult {
  const text = `{{ ${[c.fn, ...c.args.map((a) => JSON.stringify(a))].join(' ')} }}`;
  return { ok: true, value: text, source: 'not resolved (no AWS access)', deferred: true };
}

function isS3(location: string): boolean {
  return location.startsWith('s3://');
}

async function resolveStates(
  calls: LookupCall[],
  ctx: LookupContext,
  ports: AwsPorts | undefined,
  results: Map<string, LookupResult>,
  stats: LookupStats,
): Promise<void> {
  const byState = groupBy(calls, (c) => c.args[0]!);
  for (const [location, group] of byState) {
    stats.reads += 1;
    const loaded = await loadState(location, ctx, ports);
    for (const c of group) {
      if (!loaded.ok) {
        results.set(c.key, {
          ok: false,
          message: loaded.message,
          ...(loaded.hint ? { hint: loaded.hint } : {}),
        });
        continue;
      }
      const v = stateValue(loaded.state, c.args[1]!);
      results.set(
        c.key,
        v.ok
          ? { ok: true, value: v.value, source: `tfstate ${location} ${c.args[1]}` }
          : { ok: false, message: `${location}: ${v.message}`, ...(v.hint ? { hint: v.hint } : {}) },
      );
    }
  }
}

type LoadedState = { ok: true; state: TerraformState } | { ok: false; message: string; hint?: string };

async function loadState(
  location: string,
  ctx: LookupContext,
  ports: AwsPorts | undefined,
): Promise<LoadedState> {
  let text: string | undefined;
  if (isS3(location)) {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
    if (!m)
      return { ok: false, message: `"${location}" is not an S3 location`, hint: 'write s3://BUCKET/KEY' };
    text = await ports!.lookups!.getObject(m[1]!, m[2]!);
    if (text === undefined)
      return {
        ok: false,
        message: `no state at ${location}`,
        hint: 'check the bucket and key of the Terraform backend',
      };
  } else {
    const read = await readLocalState(ctx.root, location);
    if (!read.ok) return read;
    text = read.text;
  }
  const parsed = parseState(text);
  return parsed.ok ? parsed : { ok: false, message: `${location} ${parsed.message}` };
}

async function resolveParameters(
  calls: LookupCall[],
  ctx: LookupContext,
  ports: AwsPorts,
  results: Map<string, LookupResult>,
  stats: LookupStats,
): Promise<void> {
  const byRegion = groupBy(calls, (c) => regionOfArn(c.args[0]!) ?? '');
  for (const [region, group] of byRegion) {
    const names = [...new Set(group.map((c) => c.args[0]!))];
    stats.reads += Math.ceil(names.length / 10);
    const out = await ports.lookups!.getParameters(names, region || undefined);
    const found = new Map(out.found.map((p) => [p.name, p]));
    const where = region || ctx.config.spec.region || ports.region;
    for (const c of group) {
      const [name, item] = [c.args[0]!, c.args[1]];
      const p = found.get(name);
      if (!p) {
        results.set(c.key, {
          ok: false,
          message: `no SSM parameter ${name}${where ? ` in ${where}` : ''}`,
          hint: 'check the name (parameters are per account and region)',
        });
        continue;
      }
      if (p.type === 'SecureString') {
        results.set(c.key, {
          ok: false,
          message: `${name} is a SecureString; lookups never read secrets`,
          hint: "reference it from the job's secrets: instead (ECS reads it when the task starts)",
        });
        continue;
      }
      let value = p.value;
      if (item !== undefined) {
        const items = p.value.split(',');
        if (p.type !== 'StringList' || Number(item) >= items.length) {
          results.set(c.key, {
            ok: false,
            message:
              p.type !== 'StringList'
                ? `${name} is a ${p.type}, not a StringList: it has no item ${item}`
                : `${name} has ${items.length} item(s): there is no item ${item}`,
            hint: 'items count from 0',
          });
          continue;
        }
        value = items[Number(item)]!;
      }
      const segment = name.slice(name.lastIndexOf('/') + 1);
      results.set(c.key, {
        ok: true,
        value,
        source: `ssm ${name}${item !== undefined ? `[${item}]` : ''}${where ? ` (${where})` : ''}`,
        ...(isSensitiveEnvName(segment) ? { sensitive: true } : {}),
      });
    }
  }
}

async function resolveStacks(
  calls: LookupCall[],
  ctx: LookupContext,
  ports: AwsPorts,
  results: Map<string, LookupResult>,
  stats: LookupStats,
): Promise<void> {
  for (const [stack, group] of groupBy(calls, (c) => c.args[0]!)) {
    stats.reads += 1;
    const region = regionOfArn(stack);
    const outputs = await ports.lookups!.stackOutputs(stack, region);
    const where = region ?? ctx.config.spec.region ?? ports.region;
    for (const c of group) {
      const key = c.args[1]!;
      if (!outputs) {
        results.set(c.key, {
          ok: false,
          message: `no CloudFormation stack ${stack}${where ? ` in ${where}` : ''}`,
        });
        continue;
      }
      const value = outputs[key];
      results.set(
        c.key,
        value === undefined
          ? {
              ok: false,
              message: `stack ${stack} has no output ${key}`,
              hint: `outputs: ${Object.keys(outputs).slice(0, 10).join(', ') || '(none)'}`,
            }
          : { ok: true, value, source: `cfn ${stack} ${key}${where ? ` (${where})` : ''}` },
      );
    }
  }
}

function regionOfArn(nameOrArn: string): string | undefined {
  return /^arn:[^:]+:[^:]+:([^:]+):/.exec(nameOrArn)?.[1];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
