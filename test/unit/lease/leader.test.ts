// Leader election on fake time: one leader among replicas, takeover after release or expiry,
// loss mid-term, no lease configured, and a lock table that cannot be used.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { leaderAlerts } from '../../../src/cli/lease.js';
import { leaseIdentity, leaseKey } from '../../../src/lease/identity.js';
import { LeaderElection } from '../../../src/lease/leader.js';
import { chooseLease } from '../../../src/lease/settings.js';
import { createLogger } from '../../../src/log/logger.js';
import type { DesiredState } from '../../../src/model/desired.js';
import type { Alert } from '../../../src/notify/alert.js';
import { FakeClock } from '../controller/fake-clock.js';
import { MemoryLeaseTable } from './memory-port.js';

const TTL = 30_000;
const KEY = leaseKey('us-east-1', 'berth-etl');

function desired(
  lock: DesiredState['lock'] | null = { table: 'locks', ttlSeconds: TTL / 1000 },
): DesiredState {
  return {
    owner: 'etl',
    region: 'us-east-1',
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/etl',
    scheduleGroup: 'berth-etl',
    groupTags: {},
    namePrefix: 'etl-',
    keepRevisions: 3,
    prune: { enabled: true, allowEmpty: false, maxDeleteFraction: 0.5, deleteInactive: false },
    ignoreTagKeys: [],
    jobs: [],
    protectedNames: [],
    ...(lock ? { lock } : {}),
  };
}

function replica(name: string, clock: FakeClock, table: MemoryLeaseTable, override?: string | false) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const changes: boolean[] = [];
  let elected = 0;
  const election = new LeaderElection({
    choose: (d) => chooseLease(override, d.lock),
    portFor: async (t) => table.port('us-east-1', t, name),
    clock,
    log: createLogger({ level: 'debug', destination }),
    identity: leaseIdentity(name, 1, name),
    onChange: (l) => changes.push(l),
    onElected: () => (elected += 1),
  });
  return { election, lines, changes, elected: () => elected };
}

describe('LeaderElection', () => {
  it('elects exactly one of three replicas and keeps it while it lives', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const rs = ['a', 'b', 'c'].map((n) => replica(n, clock, table));
    const first = await Promise.all(rs.map((r) => r.election.lead(desired())));
    expect(first.map((l) => l.leader)).toEqual([true, false, false]);
    expect(first[1]).toMatchObject({
      failed: false,
      reason: expect.stringMatching(/held by controller on a/),
    });
    await clock.advance(10 * TTL);
    const later = await Promise.all(rs.map((r) => r.election.lead(desired())));
    expect(later.map((l) => l.leader)).toEqual([true, false, false]);
    expect(rs.map((r) => r.election.status().leader)).toEqual([true, false, false]);
    expect(rs[1]!.election.status().lease).toMatchObject({
      key: KEY,
      holder: 'a:1:a',
      purpose: 'controller',
    });
    expect(rs[0]!.changes).toEqual([true]);
    expect(rs[1]!.changes).toEqual([false]);
    await Promise.all(rs.map((r) => r.election.stop()));
  });

  it('hands over within the follower poll when the leader stops', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = replica('a', clock, table);
    const b = replica('b', clock, table);
    await a.election.lead(desired());
    await b.election.lead(desired());
    await a.election.stop();
    expect(table.items.size).toBe(0);
    await clock.advance(5_000);
    expect(b.election.status().leader).toBe(true);
    expect(b.elected()).toBe(1);
    expect(b.changes).toEqual([false, true]);
    expect(a.changes).toEqual([true, false]);
    await b.election.stop();
  });

  it('takes over from a crashed leader right after its lease expires', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = replica('a', clock, table);
    const b = replica('b', clock, table);
    await a.election.lead(desired());
    await b.election.lead(desired());
    // The leader's process is cut off: every call it makes fails, so it renews nothing.
    table.dead.add('a');
    const crashAt = clock.now();
    let tookOver = -1;
    for (let t = 0; t < 2 * TTL && tookOver < 0; t += 100) {
      await clock.advance(100);
      if (b.election.status().leader) tookOver = clock.now();
    }
    expect(tookOver - crashAt).toBeGreaterThanOrEqual(TTL);
    expect(tookOver - crashAt).toBeLessThanOrEqual(TTL + 200);
    // The old leader had stopped leading a third of the ttl earlier.
    expect(a.election.status().leader).toBe(false);
    expect(a.lines.some((l) => l.msg === 'lost the lease: stopped applying')).toBe(true);
    table.dead.clear();
    await Promise.all([a.election.stop(), b.election.stop()]);
    expect(table.items.size).toBe(0);
  });

  it('aborts the signal of the cycle in flight when the lease is lost', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = replica('a', clock, table);
    const lead = await a.election.lead(desired());
    if (!lead.leader || !lead.signal) throw new Error('a should lead with a signal');
    table.items.set(KEY, { ...table.items.get(KEY)!, holder: 'intruder' });
    await clock.advance(TTL / 3);
    expect(lead.signal.aborted).toBe(true);
    expect((await a.election.lead(desired())).leader).toBe(false);
    await a.election.stop();
  });

  it('without a lease configured: always the leader, one warning', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = replica('a', clock, table);
    expect(await a.election.lead(desired(null))).toEqual({ leader: true });
    expect(await a.election.lead(desired(null))).toEqual({ leader: true });
    expect(a.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      expect.stringMatching(/^no lock configured/),
    ]);
    expect(a.election.status()).toEqual({ leader: true, lease: null, leaseError: null });
    expect(table.ops).toEqual([]);
  });

  it('--no-lock: leader without a warning; BERTH_LOCK_TABLE alone enables the lease', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const off = replica('a', clock, table, false);
    expect((await off.election.lead(desired())).leader).toBe(true);
    expect(off.lines.filter((l) => l.level === 'warn')).toEqual([]);
    const env = replica('b', clock, table, 'env-table');
    expect((await env.election.lead(desired(null))).leader).toBe(true);
    expect(env.election.status().lease?.table).toBe('env-table');
    await env.election.stop();
  });

  it('a lock table that cannot be used is a failed cycle, logged once, retried', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    table.failing = { op: 'claim', n: 3 };
    const a = replica('a', clock, table);
    expect(await a.election.lead(desired())).toEqual({
      leader: false,
      failed: true,
      reason: 'injected claim failure',
    });
    await clock.advance(TTL);
    expect(a.election.status()).toMatchObject({ leader: true, leaseError: null });
    expect(a.lines.filter((l) => l.msg === 'lease unavailable: not reconciling')).toHaveLength(1);
    await a.election.stop();
  });

  it('moves to the new key when berth.yaml changes the schedule group', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = replica('a', clock, table);
    await a.election.lead(desired());
    await a.election.lead({ ...desired(), scheduleGroup: 'berth-new' });
    expect([...table.items.keys()]).toEqual([leaseKey('us-east-1', 'berth-new')]);
    await a.election.stop();
    expect(table.items.size).toBe(0);
  });
});

describe('leaderAlerts', () => {
  it('lets the leader (and an undecided replica) alert; a follower stays quiet', async () => {
    const clock = new FakeClock();
    const table = new MemoryLeaseTable();
    const a = replica('a', clock, table);
    const b = replica('b', clock, table);
    const sent: string[] = [];
    const sink = { send: (x: Alert) => sent.push(`${x.kind}`), forget: () => undefined };
    const alertA = leaderAlerts(sink, a.election);
    const alertB = leaderAlerts(sink, b.election);
    const alert = { kind: 'invalid-commit' } as Alert;
    alertB.send(alert);
    await a.election.lead(desired());
    await b.election.lead(desired());
    alertA.send(alert);
    alertB.send(alert);
    expect(sent).toEqual(['invalid-commit', 'invalid-commit']);
    expect([a.election.following, b.election.following]).toEqual([false, true]);
    await Promise.all([a.election.stop(), b.election.stop()]);
  });
});
