// Environment, secrets and Scheduler placeholders. Values are never echoed: a message
// about a secret must not become the leak.
import { append } from '../append.js';
import { hasEmbeddedCredentials, isSensitiveEnvName } from '../../desired/sensitive.js';
import { joinPointer } from '../pointer.js';
import { suggest } from '../suggest.js';
import { atKey, error, warning } from './finding.js';
import type { Finding } from './finding.js';
import { SECRETS_MANAGER_ARN, SSM_PARAMETER_ARN, SSM_PARAMETER_NAME } from './references.js';
import { writtenContainers } from './sections.js';
import type { JobManifest } from '../../model/manifest.js';

/** What Scheduler substitutes in Target.Input when it invokes the target. */
export const SCHEDULER_PLACEHOLDERS = [
  'scheduled-time',
  'schedule-arn',
  'execution-id',
  'attempt-number',
] as const;
// Case-insensitive on purpose: Scheduler only substitutes the lower-case form, so an upper-case
// one would reach the container literally.
const PLACEHOLDER = /<aws\.scheduler\.([^<>\s]*)>/gi;

type Env = Record<string, string | number | boolean> | undefined;

export function checkEnvironment(job: JobManifest): Finding[] {
  const out: Finding[] = [];
  for (const c of writtenContainers(job)) {
    append(out, envNames(c.spec.environment, `${c.pointer}/environment`));
    append(out, envNames(c.spec.secrets, `${c.pointer}/secrets`));
    append(out, secretRefs(c.spec.secrets, `${c.pointer}/secrets`));
    append(out, plaintext(c.spec.environment, `${c.pointer}/environment`));
    append(out, conflicts(c.spec.environment, c.spec.secrets, c.pointer));
    for (const field of ['command', 'entryPoint'] as const)
      (c.spec[field] ?? []).forEach((arg, i) =>
        append(out, notSubstituted(arg, `${c.pointer}/${field}/${i}`)),
      );
    for (const [name, value] of Object.entries(c.spec.environment ?? {}))
      append(out, notSubstituted(String(value), joinPointer(`${c.pointer}/environment`, name)));
  }
  (job.spec.containers ?? []).forEach((c, i) => {
    for (const [key, value] of Object.entries(c.logging?.options ?? {}))
      append(out, plaintextOption(key, value, joinPointer(`/spec/containers/${i}/logging/options`, key)));
  });
  for (const [key, value] of Object.entries(job.spec.logging?.options ?? {}))
    append(out, plaintextOption(key, value, joinPointer('/spec/logging/options', key)));
  const run = job.spec.run;
  if (run) {
    append(out, overrides(run.command, run.environment, '/spec/run'));
    for (const [name, o] of Object.entries(run.containers ?? {}))
      append(out, overrides(o.command, o.environment, joinPointer('/spec/run/containers', name)));
  }
  return out;
}

function overrides(command: string[] | undefined, env: Env, pointer: string): Finding[] {
  const out: Finding[] = [];
  append(out, envNames(env, `${pointer}/environment`));
  (command ?? []).forEach((arg, i) => append(out, placeholders(arg, `${pointer}/command/${i}`)));
  for (const [name, value] of Object.entries(env ?? {}))
    append(out, placeholders(String(value), joinPointer(`${pointer}/environment`, name)));
  append(out, plaintext(env, `${pointer}/environment`));
  return out;
}

export function isSecretReference(value: string): boolean {
  return SSM_PARAMETER_ARN.test(value) || SSM_PARAMETER_NAME.test(value) || SECRETS_MANAGER_ARN.test(value);
}

function secretRefs(secrets: Record<string, string> | undefined, pointer: string): Finding[] {
  const out: Finding[] = [];
  for (const [name, value] of Object.entries(secrets ?? {})) {
    if (isSecretReference(value)) continue;
    const at = joinPointer(pointer, name);
    const hint = /^arn:[^:]*:ssm:.*:parameter\/\//.test(value)
      ? 'drop the extra "/": the ARN of parameter /a/b is …:parameter/a/b'
      : value.startsWith('arn:')
        ? 'an SSM ARN looks like arn:aws:ssm:REGION:ACCOUNT:parameter/NAME, a Secrets Manager ARN like arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf'
        : 'secrets take a reference, never the secret itself: an SSM parameter (/path/name or its ARN) or a Secrets Manager ARN';
    out.push(
      error(
        'secrets/reference',
        at,
        `secret "${name}" is not an SSM parameter or Secrets Manager reference`,
        hint,
      ),
    );
  }
  return out;
}

/** A reference, a placeholder or nothing is not a plaintext secret, whatever the name says. */
function harmless(value: string): boolean {
  return (
    value === '' ||
    value.startsWith('arn:') ||
    isSecretReference(value) ||
    /^<aws\.scheduler\.[^>]*>$/.test(value)
  );
}

function plaintext(env: Env, pointer: string): Finding[] {
  const out: Finding[] = [];
  for (const [name, raw] of Object.entries(env ?? {})) {
    const value = String(raw);
    if (harmless(value)) continue;
    const byName = isSensitiveEnvName(name);
    if (!byName && !hasEmbeddedCredentials(value)) continue;
    out.push(
      warning(
        'secrets/plaintext',
        joinPointer(pointer, name),
        byName
          ? `"${name}" looks like a secret but its value is written in plain text`
          : `the value of "${name}" has a password in its URL, in plain text`,
        'store it in SSM Parameter Store or Secrets Manager and reference it under secrets:',
      ),
    );
  }
  return out;
}

function plaintextOption(key: string, value: string | null, pointer: string): Finding[] {
  if (value === null || harmless(value) || !isSensitiveEnvName(key)) return [];
  return [
    warning(
      'secrets/plaintext',
      pointer,
      `log option "${key}" looks like a secret but is written in plain text`,
      'log drivers read secrets from secretOptions; keep credentials out of git',
    ),
  ];
}

function conflicts(env: Env, secrets: Record<string, string> | undefined, pointer: string): Finding[] {
  return Object.keys(secrets ?? {})
    .filter((name) => Object.hasOwn(env ?? {}, name))
    .map((name) =>
      atKey(
        error(
          'secrets/env-conflict',
          joinPointer(`${pointer}/secrets`, name),
          `"${name}" is both an environment variable and a secret`,
          'keep only the secret',
        ),
      ),
    );
}

function placeholders(text: string, pointer: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m[0] !== m[0].toLowerCase()) {
      out.push(caseError(m[0], pointer));
      continue;
    }
    const name = m[1]!;
    if ((SCHEDULER_PLACEHOLDERS as readonly string[]).includes(name)) continue;
    const close = suggest(name, SCHEDULER_PLACEHOLDERS);
    out.push(
      error(
        'run/placeholder',
        pointer,
        `unknown Scheduler placeholder <aws.scheduler.${name.slice(0, 40)}>${close ? ` — did you mean <aws.scheduler.${close}>?` : ''}`,
        `Scheduler knows ${SCHEDULER_PLACEHOLDERS.map((p) => `<aws.scheduler.${p}>`).join(', ')}; anything else is passed on literally`,
      ),
    );
  }
  return out;
}

function caseError(found: string, pointer: string): Finding {
  return error(
    'run/placeholder-case',
    pointer,
    `Scheduler placeholders are lower case: ${found.slice(0, 60)} would reach the container as written`,
    `write ${found.slice(0, 60).toLowerCase()}`,
  );
}

/**
 * A variable name becomes NAME=value in the container's environment: a name with "=" cannot
 * be set, and the task would fail to start or get another variable than meant.
 */
function envNames(map: Record<string, unknown> | undefined, pointer: string): Finding[] {
  return Object.keys(map ?? {})
    .filter((name) => name.includes('='))
    .map((name) =>
      atKey(
        error(
          'environment/name',
          joinPointer(pointer, name),
          `the variable name ${JSON.stringify(name.slice(0, 60))} contains "="`,
          'an environment variable name cannot contain "=": rename it (letters, digits and _ are safe everywhere)',
        ),
      ),
    );
}

function notSubstituted(text: string, pointer: string): Finding[] {
  if (!/<aws\.scheduler\./i.test(text)) return [];
  return [
    error(
      'run/placeholder-in-task',
      pointer,
      'Scheduler placeholders are only substituted in run overrides, not in the task definition',
      'move this to run.command / run.environment (or run.containers.NAME.…); here the container would get the literal text',
    ),
  ];
}
