// The lease on fake time: claims, renewal every ttl/3, loss (taken over, failed or hung
// renewals), release, and waiting for a held lease with a timeout.
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/model/errors.js';
import { acquireLease } from '../../../src/lease/acquire.js';
import { leaseIdentity, leaseKey, leaseRecord, type LeaseRequest } from '../../../src/lease/identity.js';
import { tryAcquire, type Lease } from '../../../src/lease/lease.js';
import { FakeClock, settle } from '../controller/fake-clock.js';
import { MemoryLeaseTable } from './memory-port.js';

const TTL = 60_000;
const KEY = leaseKey('us-east-1', 'berth-etl');

function request(name: string, purpose: 'apply' | 'controller' = 'apply'): LeaseRequest {
  return { key: KEY, purpose, owner: 'etl', identity: leaseIdentity(`host-${name}`, 100, name), ttlMs: TTL };
}

async function take(table: MemoryLeaseTable, clock: FakeClock, name: string): Promise<Lease> {
  const got = await tryAcquire(table.port(), leaseRecord(request(name), clock.now()), clock, TTL);
  if (!('lease' in got)) throw new Error(`${name} did not get the lease`);
  return got.lease;
}

describe('claim', () => {
  it('grants a free key, refuses a held one naming the holder, grants it again once expired', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    // A holder that crashed: its item stays, nobody renews it.
    table.items.set(KEY, leaseRecord(request('a'), clock.now()));
    const b = await tryAcquire(table.port(), leaseRecord(request('b'), clock.now()), clock, TTL);
    expect(b).toEqual({ held: expect.objectContaining({ holder: 'host-a:100:a', purpose: 'apply' }) });
    await clock.advance(TTL);
    const early = await tryAcquire(table.port(), leaseRecord(request('b'), clock.now()), clock, TTL);
    expect('held' in early).toBe(true);
    await clock.advance(1);
    const again = await tryAcquire(table.port(), leaseRecord(request('b'), clock.now()), clock, TTL);
    if (!('lease' in again)) throw new Error('b should hold the lease once a expired');
    expect(table.items.get(KEY)?.holder).toBe('host-b:100:b');
    await again.lease.release();
  });

  it('is re-entrant for the same holder', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = await take(table, clock, 'a');
    const same = await tryAcquire(table.port(), leaseRecord(request('a'), clock.now()), clock, TTL);
    expect('lease' in same).toBe(true);
    if ('lease' in same) await same.lease.release();
    await a.release();
  });
});

describe('renewal', () => {
  it('renews every ttl/3 and keeps the lease for as long as the holder lives', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const lease = await take(table, clock, 'a');
    await clock.advance(10 * TTL);
    expect(lease.signal.aborted).toBe(false);
    expect(lease.renewals).toBe(30);
    expect(table.items.get(KEY)?.expiresAt).toBe(10 * TTL + TTL);
    await lease.release();
  });

  it('aborts the signal at once when another holder took the lease over', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const lease = await take(table, clock, 'a');
    table.items.set(KEY, { ...table.items.get(KEY)!, holder: 'someone-else' });
    await clock.advance(TTL / 3);
    expect(lease.signal.aborted).toBe(true);
    expect((lease.signal.reason as BerthError).message).toMatch(/lost the lease .*taken over/);
    // Releasing a lost lease never deletes the new holder's item.
    expect(await lease.release()).toBe(false);
    expect(table.items.get(KEY)?.holder).toBe('someone-else');
  });

  it('survives one failed renewal, retrying before the deadline', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const lease = await take(table, clock, 'a');
    table.failing = { op: 'renew', n: 1 };
    await clock.advance(TTL);
    expect(lease.signal.aborted).toBe(false);
    expect(lease.failedRenewals).toBe(1);
    expect(lease.renewals).toBeGreaterThanOrEqual(2);
    await lease.release();
  });

  it('gives up at expiresAt - ttl/3 when renewals keep failing, before anyone else can claim', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const lease = await take(table, clock, 'a');
    table.failing = { op: 'renew', n: Infinity };
    let lostAt = -1;
    lease.signal.addEventListener('abort', () => (lostAt = clock.now()));
    await clock.advance(TTL);
    expect(lostAt).toBe((2 * TTL) / 3);
    expect(lostAt).toBeLessThan(table.items.get(KEY)!.expiresAt - TTL / 3 + 1);
    expect((lease.signal.reason as BerthError).message).toMatch(/could not be renewed in time/);
  });

  it('treats a renewal that never answers as failed at the deadline', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const lease = await take(table, clock, 'a');
    table.hanging = 'renew';
    await clock.advance((2 * TTL) / 3 + 1);
    expect(lease.signal.aborted).toBe(true);
    expect((lease.signal.reason as BerthError).message).toMatch(/no answer before the deadline/);
  });

  it('release stops renewing and deletes the item', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const lease = await take(table, clock, 'a');
    expect(await lease.release()).toBe(true);
    expect(table.items.size).toBe(0);
    const before = table.ops.length;
    await clock.advance(TTL);
    expect(table.ops.length).toBe(before);
    expect(clock.pending()).toBe(0);
  });
});

describe('acquireLease', () => {
  it('fails at once with timeout 0, naming holder, purpose and since when', async () => {
    const clock = new FakeClock();
    await clock.advance(1_000);
    const table = new MemoryLeaseTable();
    const a = await take(table, clock, 'a');
    const err = await acquireLease(table.port(), request('b'), clock, { timeoutMs: 0 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('Conflict');
    expect((err as BerthError).message).toBe(
      `lease ${KEY} is held by apply on host-a (pid 100, holder host-a:100:a) since 1970-01-01T00:00:01.000Z, expires in 1m00s unless renewed; nothing was changed`,
    );
    expect((err as BerthError).hint).toMatch(/--lock-timeout/);
    await a.release();
  });

  it('tells people to use git when a controller holds the lease', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const got = await tryAcquire(table.port(), leaseRecord(request('c', 'controller'), 0), clock, TTL);
    const err = (await acquireLease(table.port(), request('b'), clock, { timeoutMs: 0 }).catch(
      (e) => e,
    )) as BerthError;
    expect(err.message).toMatch(/held by controller on host-c/);
    expect(err.hint).toMatch(/through git/);
    if ('lease' in got) await got.lease.release();
  });

  it('waits for the holder to release, then takes the lease', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = await take(table, clock, 'a');
    const waits: string[] = [];
    const pending = acquireLease(table.port(), request('b'), clock, {
      timeoutMs: 10 * TTL,
      onWait: (h) => waits.push(h?.holder ?? '?'),
    });
    await clock.advance(5_000);
    await a.release();
    await clock.advance(2_000);
    const b = await pending;
    expect(b.record.holder).toBe('host-b:100:b');
    expect(waits).toEqual(['host-a:100:a']);
    await b.release();
  });

  it('waits out a crashed holder: the lease is taken right after it expires', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    table.items.set(KEY, { ...leaseRecord(request('dead'), 0) });
    const pending = acquireLease(table.port(), request('b'), clock, { timeoutMs: 2 * TTL });
    let tookAt = -1;
    void pending.then(() => (tookAt = clock.now()));
    await clock.advance(2 * TTL);
    const b = await pending;
    expect(tookAt).toBeGreaterThan(TTL);
    expect(tookAt).toBeLessThanOrEqual(TTL + 100);
    await b.release();
  });

  it('gives up after --lock-timeout with the holder in the message', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = await take(table, clock, 'a');
    const pending = acquireLease(table.port(), request('b'), clock, { timeoutMs: 30_000 }).catch(
      (e: unknown) => e,
    );
    await clock.advance(31_000);
    const err = (await pending) as BerthError;
    expect(err.message).toMatch(/held by apply on host-a .* after waiting 30s; nothing was changed$/);
    await a.release();
  });

  it('stops waiting when interrupted', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = await take(table, clock, 'a');
    const stop = new AbortController();
    const pending = acquireLease(table.port(), request('b'), clock, {
      timeoutMs: 10 * TTL,
      signal: stop.signal,
    }).catch((e: unknown) => e);
    await clock.advance(3_000);
    stop.abort();
    await settle();
    expect(((await pending) as BerthError).message).toMatch(/interrupted while waiting/);
    await a.release();
  });
});

describe('release during a hung renewal', () => {
  it('does not wait for the renewal deadline', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const lease = await take(table, clock, 'a');
    table.hanging = 'renew';
    await clock.advance(TTL / 3 + 1);
    let released = false;
    void lease.release().then(() => (released = true));
    await settle();
    expect(released).toBe(true);
    expect(table.items.size).toBe(0);
  });
});
