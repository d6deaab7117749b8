import { describe, expect, it } from 'vitest';
import {
  containerDefinition,
  environmentList,
  mainContainerName,
  secretList,
} from '../../../src/desired/containers.js';

const logCtx = { job: 'j', namePrefix: '', region: 'us-east-1' };

describe('environment and secrets', () => {
  it('sorts by name and stringifies numbers and booleans', () => {
    expect(environmentList({ ZED: 'z', BATCH: 5000, DRY_RUN: false, A: 1.5 })).toEqual([
      { name: 'A', value: '1.5' },
      { name: 'BATCH', value: '5000' },
      { name: 'DRY_RUN', value: 'false' },
      { name: 'ZED', value: 'z' },
    ]);
  });
  it('drops null entries and renders an empty map as absent', () => {
    expect(environmentList({ A: null, B: 'b' })).toEqual([{ name: 'B', value: 'b' }]);
    expect(environmentList({})).toBeUndefined();
    expect(environmentList(undefined)).toBeUndefined();
  });
  it('orders by code point, not by locale', () => {
    expect(environmentList({ b: '1', B: '2', _x: '3' })!.map((e) => e.name)).toEqual(['B', '_x', 'b']);
  });
  it('renders secrets as sorted name/valueFrom pairs', () => {
    expect(
      secretList({
        Z_TOKEN: 'arn:aws:ssm:r:1:parameter/z',
        A_PASSWORD: 'arn:aws:secretsmanager:r:1:secret:a',
      }),
    ).toEqual([
      { name: 'A_PASSWORD', valueFrom: 'arn:aws:secretsmanager:r:1:secret:a' },
      { name: 'Z_TOKEN', valueFrom: 'arn:aws:ssm:r:1:parameter/z' },
    ]);
  });
});

describe('containerDefinition', () => {
  it('renders every supported field and defaults essential to true', () => {
    const def = containerDefinition(
      {
        name: 'etl',
        image: 'repo/etl:1',
        entryPoint: ['/bin/bash', '/opt/myetl/bin/launch.sh'],
        command: ['-v'],
        cpu: 256,
        memory: 512,
        memoryReservation: 256,
        environment: { B: 2, A: 'a' },
        secrets: { S: 'arn:aws:ssm:r:1:parameter/s' },
        dependsOn: [{ containerName: 'router', condition: 'START' }],
        workingDirectory: '/work',
        user: '1000',
        stopTimeout: 30,
        readonlyRootFilesystem: true,
        dockerLabels: { 'com.Example.Team': 'data', a: 'b' },
        logging: { driver: 'none' },
      },
      logCtx,
      '/spec/containers/0',
      () => {},
    );
    expect(def).toEqual({
      name: 'etl',
      image: 'repo/etl:1',
      essential: true,
      entryPoint: ['/bin/bash', '/opt/myetl/bin/launch.sh'],
      command: ['-v'],
      cpu: 256,
      memory: 512,
      memoryReservation: 256,
      environment: [
        { name: 'A', value: 'a' },
        { name: 'B', value: '2' },
      ],
      secrets: [{ name: 'S', valueFrom: 'arn:aws:ssm:r:1:parameter/s' }],
      dependsOn: [{ containerName: 'router', condition: 'START' }],
      workingDirectory: '/work',
      user: '1000',
      stopTimeout: 30,
      readonlyRootFilesystem: true,
      dockerLabels: { 'com.Example.Team': 'data', a: 'b' },
    });
  });

  it('renders a firelens router and keeps essential false when written', () => {
    const def = containerDefinition(
      { name: 'router', image: 'fluent-bit', essential: false, firelensConfiguration: { type: 'fluentbit' } },
      logCtx,
      '/spec/containers/1',
      () => {},
    );
    expect(def.essential).toBe(false);
    expect(def.firelensConfiguration).toEqual({ type: 'fluentbit' });
    expect(def.logConfiguration?.logDriver).toBe('awslogs');
    expect(def).not.toHaveProperty('environment');
  });
});

describe('mainContainerName', () => {
  const containers = [
    { name: 'router', image: 'r', essential: false },
    { name: 'etl', image: 'e' },
    { name: 'other', image: 'o' },
  ];
  it('is run.container when given', () => {
    expect(mainContainerName(containers, 'other')).toBe('other');
  });
  it('is the first essential container otherwise', () => {
    expect(mainContainerName(containers, undefined)).toBe('etl');
  });
  it('falls back to the first container, and to "" without any', () => {
    expect(mainContainerName([{ name: 'a', image: 'a', essential: false }], undefined)).toBe('a');
    expect(mainContainerName([], undefined)).toBe('');
  });
});
