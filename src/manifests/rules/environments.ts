// Rules about environments: berth.yaml's spec.environments as a whole (names, the default,
// environments that would share resources, role and account that disagree) and a job's
// overrides naming environments that exist.
import { parseArn } from '../../desired/arns.js';
import type { SiblingNames } from '../../model/diagnostics.js';
import type { JobManifest, RepoConfig } from '../../model/manifest.js';
import { applyEnvironment, environmentNames } from '../environments.js';
import { joinPointer } from '../pointer.js';
import { suggest } from '../suggest.js';
import { atKey, error } from './finding.js';
import type { Finding } from './finding.js';

export function checkEnvironments(config: RepoConfig): Finding[] {
  const s = config.spec;
  const names = environmentNames(config);
  const out: Finding[] = [];
  if (s.defaultEnvironment !== undefined && !names.includes(s.defaultEnvironment))
    out.push(
      error(
        'environment/default',
        '/spec/defaultEnvironment',
        names.length === 0
          ? `defaultEnvironment "${s.defaultEnvironment}" but spec.environments declares none`
          : `defaultEnvironment "${s.defaultEnvironment}" is not one of the environments (${names.join(', ')})`,
        'name one of spec.environments, or remove defaultEnvironment',
      ),
    );
  out.push(...roleAccount(config, '/spec'));
  const resolved = names.map((name) => ({ name, spec: applyEnvironment(config, name).spec }));
  for (const { name, spec } of resolved)
    if (config.spec.environments?.[name]?.role !== undefined || config.spec.environments?.[name]?.account)
      out.push(...roleAccount({ ...config, spec }, joinPointer('/spec/environments', name)));
  // Two environments in one account and region would fight over one schedule group or family prefix.
  for (let i = 0; i < resolved.length; i++)
    for (let j = 0; j < i; j++) {
      const a = resolved[j]!;
      const b = resolved[i]!;
      if (!mayShare(a.spec, b.spec)) continue;
      const at = joinPointer('/spec/environments', b.name);
      if (a.spec.scheduleGroup === b.spec.scheduleGroup)
        out.push(
          error(
            'environment/shared-group',
            config.spec.environments?.[b.name]?.scheduleGroup !== undefined ? `${at}/scheduleGroup` : at,
            `environments ${a.name} and ${b.name} may run in the same account and region with the same schedule group ${b.spec.scheduleGroup}`,
            'give each environment its own scheduleGroup (and namePrefix), or set account/region so they differ',
          ),
        );
      const [pa, pb] = [a.spec.namePrefix ?? '', b.spec.namePrefix ?? ''];
      if (pa.startsWith(pb) || pb.startsWith(pa))
        out.push(
          error(
            'environment/shared-prefix',
            config.spec.environments?.[b.name]?.namePrefix !== undefined ? `${at}/namePrefix` : at,
            `environments ${a.name} and ${b.name} may run in the same account and region with name prefixes "${pa}" and "${pb}": one's task-definition families would look like the other's`,
            'give each environment a namePrefix that does not start the other one (e.g. dev- and stg-)',
          ),
        );
    }
  return out;
}

/** Role and account both given: the role must be in that account (the assumed identity will be). */
function roleAccount(config: RepoConfig, at: string): Finding[] {
  const { role, account } = config.spec;
  const roleAccount = role ? parseArn(role)?.account : undefined;
  if (!roleAccount || !account || roleAccount === account) return [];
  return [
    error(
      'environment/role-account',
      `${at}/role`,
      `role ${role} is in account ${roleAccount}, but account says ${account}`,
      'berth checks the assumed identity against account: make them name the same account',
    ),
  ];
}

/** Without a region or account to tell them apart, two environments may share both. */
function mayShare(a: RepoConfig['spec'], b: RepoConfig['spec']): boolean {
  const region = (s: RepoConfig['spec']) => s.region ?? regionOfCluster(s.cluster);
  const account = (s: RepoConfig['spec']) =>
    s.account ?? accountOf(s.role) ?? accountOf(s.cluster) ?? accountOf(s.schedulerRoleArn);
  const differ = (x: string | undefined, y: string | undefined) =>
    x !== undefined && y !== undefined && x !== y;
  return !differ(region(a), region(b)) && !differ(account(a), account(b));
}

function accountOf(arn: string | undefined): string | undefined {
  return (arn?.startsWith('arn:') ? parseArn(arn)?.account : undefined) || undefined;
}

function regionOfCluster(cluster: string): string | undefined {
  return (cluster.startsWith('arn:') ? parseArn(cluster)?.region : undefined) || undefined;
}

/** A job's overrides must name environments berth.yaml declares. */
export function checkJobEnvironments(job: JobManifest, config: RepoConfig): Finding[] {
  const declared = environmentNames(config);
  const out: Finding[] = [];
  for (const name of Object.keys(job.spec.environments ?? {})) {
    if (declared.includes(name)) continue;
    const close = suggest(name, declared);
    out.push(
      atKey(
        error(
          'environment/unknown',
          joinPointer('/spec/environments', name),
          declared.length === 0
            ? `overrides for environment "${name}", but berth.yaml declares no environments`
            : `no environment "${name}" in berth.yaml${close ? ` (did you mean ${close}?)` : ''}`,
          declared.length === 0
            ? 'declare it under spec.environments in berth.yaml (plain container variables go in spec.environment)'
            : `environments: ${declared.join(', ')}`,
        ),
      ),
    );
  }
  return out;
}

/**
 * The schedule groups and name prefixes of the other environments that may share `name`'s
 * account and region (the plan never takes them for `name`'s previous names).
 */
export function siblingNames(config: RepoConfig, name: string): SiblingNames {
  const own = applyEnvironment(config, name).spec;
  const others = Object.keys(config.spec.environments ?? {})
    .filter((n) => n !== name)
    .map((n) => ({ name: n, spec: applyEnvironment(config, n).spec }))
    .filter((o) => mayShare(own, o.spec));
  const groups = others.map((o) => o.spec.scheduleGroup).filter((g) => g !== own.scheduleGroup);
  const prefixes = others.map((o) => o.spec.namePrefix ?? '').filter((p) => p !== (own.namePrefix ?? ''));
  return {
    groups: [...new Set(groups)].sort(),
    prefixes: [...new Set(prefixes)].sort(),
    // Their groups carry berth:environment = their name: never an old name of this one.
    environments: others.map((o) => o.name).sort(),
  };
}
