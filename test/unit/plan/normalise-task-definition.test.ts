import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContainerDefinition, TaskDefinitionInput } from '../../../src/model/aws-types.js';
import { diffValues } from '../../../src/plan/diff.js';
import { normaliseTaskDefinition } from '../../../src/plan/normalise-task-definition.js';
import { tagFilter } from '../../../src/plan/normalise-tags.js';

const keep = tagFilter(['cost-center']);
const norm = (td: Partial<TaskDefinitionInput>) => normaliseTaskDefinition(td, keep);
const same = (a: Partial<TaskDefinitionInput>, b: Partial<TaskDefinitionInput>) =>
  expect(diffValues(norm(a), norm(b))).toEqual([]);
const container = (c: Partial<ContainerDefinition>): ContainerDefinition => ({
  name: 'app',
  image: 'img:1',
  ...c,
});

describe('normaliseTaskDefinition', () => {
  it.each([
    ['1 vCPU', '1024'],
    ['1 VCPU', 1024],
    ['0.25 vcpu', '256'],
  ])('cpu %j ≡ %j', (a, b) => same({ cpu: a as string }, { cpu: b as string }));

  it.each([
    ['2 GB', '2048'],
    ['2 gb', 2048],
    ['512 MiB', '512'],
  ])('memory %j ≡ %j', (a, b) => same({ memory: a as string }, { memory: b as string }));

  it('keeps an unreadable size as text, so a difference still shows', () => {
    expect(norm({ cpu: 'lots' }).cpu).toBe('lots');
  });

  it('leaves describe-only fields out', () => {
    const described = {
      family: 'f',
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/f:3',
      revision: 3,
      status: 'ACTIVE',
      requiresAttributes: [{ name: 'ecs.capability.task-eni' }],
      compatibilities: ['EC2', 'FARGATE'],
      registeredAt: new Date(0),
      registeredBy: 'arn:aws:sts::1:assumed-role/x/y',
      deregisteredAt: new Date(0),
    } as Partial<TaskDefinitionInput>;
    expect(norm(described)).toEqual({ family: 'f' });
  });

  it('fills container defaults the way AWS and moto report them', () => {
    same(
      { containerDefinitions: [container({})] },
      {
        containerDefinitions: [
          container({
            cpu: 0,
            essential: true,
            portMappings: [],
            mountPoints: [],
            volumesFrom: [],
            environment: [],
          }),
        ],
      },
    );
  });

  it('sees essential: false', () => {
    const changes = diffValues(
      norm({ containerDefinitions: [container({})] }),
      norm({ containerDefinitions: [container({ essential: false })] }),
    );
    expect(changes).toEqual([{ path: '/containerDefinitions/app/essential', before: true, after: false }]);
  });

  it('reads port mappings as ECS does', () => {
    same(
      { networkMode: 'awsvpc', containerDefinitions: [container({ portMappings: [{ containerPort: 80 }] })] },
      {
        networkMode: 'awsvpc',
        containerDefinitions: [
          container({ portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] }),
        ],
      },
    );
    // bridge mode: hostPort 0 is "dynamic", same as absent
    same(
      { containerDefinitions: [container({ portMappings: [{ containerPort: 80 }] })] },
      {
        networkMode: 'bridge',
        containerDefinitions: [container({ portMappings: [{ containerPort: 80, hostPort: 0 }] })],
      },
    );
    expect(
      diffValues(
        norm({
          containerDefinitions: [container({ portMappings: [{ containerPort: 80, hostPort: 8080 }] })],
        }),
        norm({ containerDefinitions: [container({ portMappings: [{ containerPort: 80 }] })] }),
      ),
    ).toHaveLength(1);
  });

  it('reads an EFS root directory of "/" as the default it is', () => {
    const efs = (rootDirectory?: string) => ({
      volumes: [
        {
          name: 'data',
          efsVolumeConfiguration: { fileSystemId: 'fs-1', ...(rootDirectory ? { rootDirectory } : {}) },
        },
      ],
    });
    same(efs(), efs('/'));
    expect(diffValues(norm(efs()), norm(efs('/exports')))).toHaveLength(1);
  });

  it('fills health-check defaults', () => {
    same(
      { containerDefinitions: [container({ healthCheck: { command: ['CMD', 'true'] } })] },
      {
        containerDefinitions: [
          container({ healthCheck: { command: ['CMD', 'true'], interval: 30, retries: 3, timeout: 5 } }),
        ],
      },
    );
  });

  it('drops env entries without a value, and null ≡ absent at any depth', () => {
    same(
      { containerDefinitions: [container({ environment: [{ name: 'A', value: '1' }] })] },
      {
        containerDefinitions: [
          container({
            environment: [
              { name: 'A', value: '1' },
              { name: 'B', value: null as unknown as string },
            ],
            linuxParameters: { capabilities: { add: [] } },
            dockerLabels: {},
            user: null as unknown as string,
          }),
        ],
      },
    );
  });

  it('keeps an empty-string env value (it overrides the image default)', () => {
    expect(
      diffValues(
        norm({ containerDefinitions: [container({ environment: [{ name: 'A', value: '' }] })] }),
        norm({ containerDefinitions: [container({})] }),
      ),
    ).toEqual([{ path: '/containerDefinitions/app/environment/A', before: '' }]);
  });

  it('never changes the case of docker label or log option keys', () => {
    const n = norm({
      containerDefinitions: [
        container({
          dockerLabels: { 'Com.Example.Team': 'Data' },
          logConfiguration: {
            logDriver: 'awsfirelens',
            options: { Name: 'cloudwatch', Log_Group_Name: '/x' },
          },
        }),
      ],
    }) as { containerDefinitions: { app: { dockerLabels: object; logConfiguration: { options: object } } } };
    expect(Object.keys(n.containerDefinitions.app.dockerLabels)).toEqual(['Com.Example.Team']);
    expect(Object.keys(n.containerDefinitions.app.logConfiguration.options)).toEqual([
      'Log_Group_Name',
      'Name',
    ]);
  });

  it('compares tags as a map without volatile, hash, aws: and ignored keys', () => {
    same(
      {
        tags: [
          { key: 'team', value: 'data' },
          { key: 'berth:content-hash', value: 'aaa' },
        ],
      },
      {
        tags: [
          { key: 'berth:commit', value: 'abc' },
          { key: 'cost-center', value: 'cc-1' },
          { key: 'aws:cloudformation:stack-name', value: 's' },
          { key: 'berth:content-hash', value: 'bbb' },
          { key: 'team', value: 'data' },
        ],
      },
    );
  });

  it('names a changed tag by its key', () => {
    expect(
      diffValues(
        norm({ tags: [{ key: 'team', value: 'data' }] }),
        norm({ tags: [{ key: 'team', value: 'ml' }] }),
      ),
    ).toEqual([{ path: '/tags/team', before: 'data', after: 'ml' }]);
  });

  it('is insensitive to the order of every unordered list (property)', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Z_]{0,8}$/), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(names, fc.integer(), (envNames, seed) => {
        const env = envNames.map((name, i) => ({ name, value: String(i) }));
        const c = (n: string, list: typeof env): ContainerDefinition =>
          container({
            name: n,
            environment: list,
            secrets: list.map((e) => ({ name: e.name, valueFrom: `arn:${e.value}` })),
            portMappings: list.map((_e, i) => ({ containerPort: 1000 + i })),
            mountPoints: list.map((e) => ({ sourceVolume: e.name, containerPath: `/${e.name}` })),
          });
        const shuffled = shuffle(env, seed);
        const a = {
          networkMode: 'awsvpc' as const,
          requiresCompatibilities: ['FARGATE', 'EC2'] as ('FARGATE' | 'EC2')[],
          containerDefinitions: [c('one', env), c('two', env)],
          tags: env.map((e) => ({ key: e.name, value: e.value })),
        };
        const b = {
          ...a,
          requiresCompatibilities: ['EC2', 'FARGATE'] as ('FARGATE' | 'EC2')[],
          containerDefinitions: shuffle([c('one', shuffled), c('two', shuffle(env, seed + 1))], seed),
          tags: shuffle(a.tags, seed + 2),
        };
        expect(diffValues(norm(a), norm(b))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

function shuffle<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = Math.abs(seed) + 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 16807) % 2147483647;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
