// The lease table's conditional semantics in memory (the same conditions src/aws/lease-port.ts
// sends to DynamoDB), with switches to make calls fail or hang. The integration tests in
// test/integration/lease run the same logic against the emulator's DynamoDB.
import type { CallCounter, LeasePort, LeaseRecord } from '../../../src/model/ports.js';

export class MemoryLeaseTable {
  readonly items = new Map<string, LeaseRecord>();
  /** Calls of this kind throw (the next `n` of them, or all while Infinity). */
  failing: { op: 'renew' | 'claim' | 'all'; n: number } | undefined;
  /** Calls of this kind never answer. */
  hanging: 'renew' | undefined;
  readonly ops: string[] = [];
  /** Ports (by name) whose process is gone: every call they make fails. */
  readonly dead = new Set<string>();

  port(region = 'us-east-1', table = 'locks', name = ''): LeasePort {
    const gate = (op: string) => {
      if (this.dead.has(name)) throw new Error(`${name} is gone`);
      this.gate(op);
    };
    const calls: CallCounter = { snapshot: () => ({}), total: () => this.ops.length, reset: () => undefined };
    return {
      table,
      calls,
      region: async () => region,
      claim: async (record, now) => {
        gate('claim');
        const cur = this.items.get(record.key);
        if (!cur || cur.expiresAt < now || cur.holder === record.holder) {
          this.items.set(record.key, { ...record });
          return { acquired: true };
        }
        return { acquired: false, current: { ...cur } };
      },
      renew: async (key, holder, expiresAt) => {
        gate('renew');
        if (this.hanging === 'renew') return new Promise<boolean>(() => undefined);
        const cur = this.items.get(key);
        if (cur?.holder !== holder) return false;
        cur.expiresAt = expiresAt;
        return true;
      },
      release: async (key, holder) => {
        gate('release');
        if (this.items.get(key)?.holder !== holder) return false;
        this.items.delete(key);
        return true;
      },
      read: async (key) => {
        gate('read');
        const cur = this.items.get(key);
        return cur ? { ...cur } : undefined;
      },
      createTable: async () => 'exists',
    };
  }

  private gate(op: string): void {
    this.ops.push(op);
    const f = this.failing;
    if (f && (f.op === op || f.op === 'all') && f.n > 0) {
      f.n -= 1;
      throw new Error(`injected ${op} failure`);
    }
  }
}
