// fast-check arbitraries for the leaf values of a manifest: names, images, ARNs, sizes,
// environment, secrets and tags, each valid by the rule berth (and AWS) applies to it.
import fc from 'fast-check';
import { FARGATE_CPU_VALUES, fargateMemoryOptions } from '../../../src/manifests/units.js';

export interface GenEnv {
  region: string;
  account: string;
  /** Cluster name (the ARN is built from region and account). */
  cluster: string;
  subnets: string[];
  securityGroups: string[];
}

const chars = (set: string) => fc.constantFrom(...set.split(''));
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789`;

export const word = (set: string, min: number, max: number) =>
  fc.string({ unit: chars(set), minLength: min, maxLength: max });

/** Job names: letters, digits, - and _ (the family rule), short enough for a schedule name. */
export const jobName = word(`${ALNUM}-_`, 1, 40);
export const containerName = word(`${ALNUM}-_`, 1, 24);

const component = fc
  .tuple(
    word(`${LOWER}0123456789`, 1, 8),
    fc.option(fc.tuple(fc.constantFrom('.', '_', '__', '-', '--'), word(`${LOWER}0123456789`, 1, 6))),
  )
  .map(([a, rest]) => (rest ? `${a}${rest[0]}${rest[1]}` : a));

/** [registry/]path:tag or @sha256 digest: always pinned (an unpinned image only warns). */
export function image(env: GenEnv): fc.Arbitrary<string> {
  const registry = fc.constantFrom(
    '',
    `${env.account}.dkr.ecr.${env.region}.amazonaws.com/`,
    'public.ecr.aws/',
    'ghcr.io/',
    'localhost:5000/',
  );
  const path = fc.array(component, { minLength: 1, maxLength: 3 }).map((p) => p.join('/'));
  const tag = fc
    .tuple(chars(`${ALNUM}_`), word(`${ALNUM}_.-`, 0, 20))
    .map(([a, b]) => `:${a}${b}`)
    .filter((t) => t !== ':latest');
  const digest = word('0123456789abcdef', 64, 64).map((h) => `@sha256:${h}`);
  const ref = fc.oneof(
    { weight: 4, arbitrary: tag },
    { weight: 1, arbitrary: digest },
    fc.tuple(tag, digest).map(([t, d]) => t + d),
  );
  return fc.tuple(registry, path, ref).map(([r, p, x]) => `${r}${p}${x}`);
}

export const roleArn = (env: GenEnv) =>
  word(`${ALNUM}+=,.@_-`, 1, 40).map((n) => `arn:aws:iam::${env.account}:role/${n}`);

export const clusterRef = (env: GenEnv) =>
  fc.constantFrom(env.cluster, `arn:aws:ecs:${env.region}:${env.account}:cluster/${env.cluster}`);

export const region = fc.constantFrom(
  'us-east-1',
  'eu-west-1',
  'ap-northeast-1',
  'us-gov-west-1',
  'eu-central-2',
);

const paramName = fc
  .array(word(`${ALNUM}_.-`, 1, 12), { minLength: 1, maxLength: 4 })
  .map((p) => p.join('/'));

/** An SSM parameter (ARN or /name) or a Secrets Manager ARN, optionally with a JSON key. */
export function secretRef(env: GenEnv): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(region, paramName).map(([r, n]) => `arn:aws:ssm:${r}:${env.account}:parameter/${n}`),
    paramName.map((n) => `/${n}`),
    fc
      .tuple(
        region,
        word(`${ALNUM}/+=.@_-`, 1, 30),
        fc.option(fc.tuple(word(ALNUM, 0, 8), fc.constantFrom('', 'AWSCURRENT'))),
      )
      .map(
        ([r, n, key]) =>
          `arn:aws:secretsmanager:${r}:${env.account}:secret:${n}${key ? `:${key[0]}:${key[1]}:` : ''}`,
      ),
  );
}

/** ECS task size: a Fargate pair, each written in one of the forms people use. */
export const fargateSize = fc
  .constantFrom(...FARGATE_CPU_VALUES)
  .chain((cpu) => fc.tuple(fc.constant(cpu), fc.constantFrom(...fargateMemoryOptions(cpu))))
  .chain(([cpu, memory]) => fc.tuple(cpuText(cpu), memoryText(memory)))
  .map(([cpu, memory]) => ({ cpu, memory }));

function cpuText(units: number): fc.Arbitrary<number | string> {
  const vcpu = units / 1024;
  return fc.constantFrom<number | string>(
    units,
    String(units),
    `${vcpu} vCPU`,
    `${vcpu}vcpu`,
    `${vcpu} VCPU`,
  );
}

function memoryText(mib: number): fc.Arbitrary<number | string> {
  const forms: (number | string)[] = [mib, String(mib), `${mib} MiB`, `${mib}MB`, `${mib}m`];
  if (mib % 512 === 0) forms.push(`${mib / 1024} GB`, `${mib / 1024} GiB`, `${mib / 1024}g`);
  return fc.constantFrom(...forms);
}

/** Printable text (what a person writes in YAML), including non-ASCII. */
export const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });

export const envName = word(`${ALNUM}_`, 1, 24).filter((n) => !/^\d/.test(n));

/** Values as YAML can carry them; placeholders are the run overrides' business. */
export const envValue: fc.Arbitrary<string | number | boolean> = fc.oneof(
  { weight: 4, arbitrary: text(40) },
  { weight: 1, arbitrary: fc.integer({ min: -1e9, max: 1e9 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
  { weight: 1, arbitrary: fc.boolean() },
);

export const PLACEHOLDERS = [
  '<aws.scheduler.scheduled-time>',
  '<aws.scheduler.schedule-arn>',
  '<aws.scheduler.execution-id>',
  '<aws.scheduler.attempt-number>',
];

/** Run-override text: placeholders are substituted by Scheduler here. */
export const overrideValue: fc.Arbitrary<string | number | boolean> = fc.oneof(
  { weight: 3, arbitrary: envValue },
  { weight: 2, arbitrary: fc.tuple(text(10), fc.constantFrom(...PLACEHOLDERS)).map(([a, p]) => `${a}${p}`) },
);

export const arg = fc.oneof(
  { weight: 4, arbitrary: text(30) },
  { weight: 1, arbitrary: word(`${ALNUM}-_=./`, 1, 20) },
);
export const overrideArg = fc.oneof(
  { weight: 3, arbitrary: arg },
  { weight: 1, arbitrary: fc.constantFrom(...PLACEHOLDERS).map((p) => `--at=${p}`) },
);

export function envMap<V>(values: fc.Arbitrary<V>, max = 6): fc.Arbitrary<Record<string, V>> {
  return fc.dictionary(envName, values, { maxKeys: max });
}

// AWS tag characters: letters, digits, spaces and _ . : / = + - @ (any script's letters).
const TAG_SET = `${ALNUM}_.:/=+-@ `;
const tagText = (min: number, max: number) =>
  fc
    .array(
      fc.oneof(
        { weight: 8, arbitrary: chars(TAG_SET) },
        { weight: 1, arbitrary: fc.constantFrom('é', 'ß', '日', 'ж', '٣') },
      ),
      { minLength: min, maxLength: max },
    )
    .map((a) => a.join('').trim())
    .filter((t) => t.length >= min);

export const tagKey = tagText(1, 40).filter((k) => !/^aws:/i.test(k) && !k.startsWith('berth:'));
/** Non-empty: schedule-group tags (config spec.tags) need a value of 1–256 characters. */
export const tagValue = tagText(1, 60);
export const tags = (max: number) => fc.dictionary(tagKey, tagValue, { maxKeys: max });
