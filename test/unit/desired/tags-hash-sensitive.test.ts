import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, HASH_LENGTH } from '../../../src/desired/hash.js';
import {
  hasEmbeddedCredentials,
  isSensitiveEnv,
  isSensitiveEnvName,
} from '../../../src/desired/sensitive.js';
import { groupTags, taskDefinitionTags, toEcsTags, toSchedulerTaskTags } from '../../../src/desired/tags.js';
import { TAG } from '../../../src/model/desired.js';

describe('tags', () => {
  it('puts berth ownership tags over user tags', () => {
    const tags = taskDefinitionTags(
      'analytics',
      'daily',
      'h1',
      { team: 'data', [TAG.owner]: 'someone-else' },
      undefined,
    );
    expect(tags).toEqual({
      team: 'data',
      [TAG.managedBy]: 'berth',
      [TAG.owner]: 'analytics',
      [TAG.job]: 'daily',
      [TAG.hash]: 'h1',
    });
  });
  it('adds the commit tag only when the revision is known', () => {
    expect(taskDefinitionTags('o', 'j', 'h', {}, 'abc')[TAG.commit]).toBe('abc');
    expect(taskDefinitionTags('o', 'j', 'h', {}, undefined)).not.toHaveProperty(TAG.commit);
  });
  it('renders ECS tags sorted by key', () => {
    expect(toEcsTags({ b: '2', a: '1', 'berth:x': '3' })).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'berth:x', value: '3' },
    ]);
  });
  it('renders Scheduler task tags as one {key, value} map per tag', () => {
    expect(toSchedulerTaskTags({ team: 'data', app: 'etl' })).toEqual([
      { key: 'app', value: 'etl' },
      { key: 'team', value: 'data' },
    ]);
  });
  it('tags the group with ownership over config tags', () => {
    expect(groupTags('analytics', { team: 'data', [TAG.managedBy]: 'terraform' }, 'etl-')).toEqual({
      [TAG.managedBy]: 'berth',
      [TAG.owner]: 'analytics',
      [TAG.namePrefix]: 'etl-',
      team: 'data',
    });
  });
});

describe('hash', () => {
  it('serialises with sorted keys at every depth, arrays in order, undefined dropped', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: undefined, b: null } })).toBe(
      '{"a":{"b":null,"d":[3,1]},"b":1}',
    );
  });
  it('is a stable prefix of sha256 that ignores key order', () => {
    const h = contentHash({ family: 'x', cpu: '256' });
    expect(h).toMatch(new RegExp(`^[0-9a-f]{${HASH_LENGTH}}$`));
    expect(contentHash({ cpu: '256', family: 'x' })).toBe(h);
    expect(contentHash({ family: 'x', cpu: '512' })).not.toBe(h);
    // pinned so an accidental change of the canonical form (which would re-register every job) fails here
    expect(contentHash({})).toBe('44136fa355b3678a');
  });
});

describe('sensitive env names', () => {
  it.each([
    'DB_PASSWORD',
    'dbPassword',
    'GITHUB_TOKEN',
    'SLACK_BOT_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_ACCESS_KEY_ID',
    'STRIPE_API_KEY',
    'APIKEY',
    'SSH_PRIVATE_KEY',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'CLIENT_SECRET',
    'SENTRY_DSN',
    'BASIC_AUTH',
    'db-passwd',
  ])('%s is sensitive', (name) => {
    expect(isSensitiveEnvName(name)).toBe(true);
  });
  it.each([
    'BATCH_SIZE',
    'TOKENIZER_MODEL',
    'AUTHOR',
    'PATH',
    'PWD',
    'WAREHOUSE_SCHEMA',
    'REGION',
    'KEYSPACE',
  ])('%s is not', (name) => {
    expect(isSensitiveEnvName(name)).toBe(false);
  });
  it('treats URLs with user:password@ as secret whatever the name', () => {
    expect(hasEmbeddedCredentials('postgres://etl:hunter2@db.internal:5432/sales')).toBe(true);
    expect(hasEmbeddedCredentials('https://example.com/a:b')).toBe(false);
    expect(isSensitiveEnv('SOURCE_URL', 'mysql://u:p@h/db')).toBe(true);
    expect(isSensitiveEnv('SOURCE_URL', 'mysql://h/db')).toBe(false);
  });
});
