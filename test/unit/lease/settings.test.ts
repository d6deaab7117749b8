// Which lease a command runs under: --no-lock, then --lock-table / BERTH_LOCK_TABLE, then
// berth.yaml spec.lock; and how the lease key and holder id are spelled.
import { describe, expect, it } from 'vitest';
import { runtimeSettings } from '../../../src/config/runtime.js';
import { leaseIdentity, leaseKey } from '../../../src/lease/identity.js';
import { chooseLease, DEFAULT_LEASE_TTL_SECONDS } from '../../../src/lease/settings.js';

describe('chooseLease', () => {
  it('berth.yaml spec.lock, with the default ttl', () => {
    expect(chooseLease(undefined, { table: 'locks' })).toEqual({
      mode: 'lease',
      table: 'locks',
      ttlMs: DEFAULT_LEASE_TTL_SECONDS * 1000,
    });
    expect(chooseLease(undefined, { table: 'locks', ttlSeconds: 90 })).toMatchObject({ ttlMs: 90_000 });
  });
  it('a table from a flag or the environment wins, and works without spec.lock', () => {
    expect(chooseLease('other', { table: 'locks', ttlSeconds: 30 })).toEqual({
      mode: 'lease',
      table: 'other',
      ttlMs: 30_000,
    });
    expect(chooseLease('other', undefined)).toMatchObject({ mode: 'lease', table: 'other' });
  });
  it('--no-lock disables; nothing configured is "unconfigured" (berth warns)', () => {
    expect(chooseLease(false, { table: 'locks' })).toEqual({ mode: 'disabled' });
    expect(chooseLease(undefined, undefined)).toEqual({ mode: 'unconfigured' });
  });
});

describe('runtimeSettings lock table', () => {
  it('--lock-table over BERTH_LOCK_TABLE; --no-lock over both; empty variable ignored', () => {
    expect(runtimeSettings({ lockTable: 'flag' }, { BERTH_LOCK_TABLE: 'env' }).lockTable).toBe('flag');
    expect(runtimeSettings({}, { BERTH_LOCK_TABLE: 'env' }).lockTable).toBe('env');
    expect(runtimeSettings({ lock: false, lockTable: 'flag' }, { BERTH_LOCK_TABLE: 'env' }).lockTable).toBe(
      false,
    );
    expect(runtimeSettings({ lock: true }, { BERTH_LOCK_TABLE: '' })).not.toHaveProperty('lockTable');
  });
});

describe('lease key and holder', () => {
  it('key = berth:<region>:<scheduleGroup>; holder = host:pid:random', () => {
    expect(leaseKey('eu-west-1', 'berth-etl')).toBe('berth:eu-west-1:berth-etl');
    expect(leaseIdentity('ci-7', 4242, '0a1b2c3d')).toEqual({
      holder: 'ci-7:4242:0a1b2c3d',
      host: 'ci-7',
      pid: 4242,
    });
  });
});
