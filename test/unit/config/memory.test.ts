// The controller's memory budget (src/config/memory.ts): the container limit from either cgroup
// version, and the error that names the settings when a repository does not fit in the heap.
import { describe, expect, it } from 'vitest';
import {
  containerMemoryLimit,
  heapBudget,
  heapNeeded,
  heapShortfall,
  parseCgroupLimit,
  sharedHeapCheck,
} from '../../../src/config/memory.js';

const MiB = 2 ** 20;

describe('container memory limit', () => {
  it('reads cgroup v2 memory.max, then v1 memory.limit_in_bytes', () => {
    const files = (m: Record<string, string>) => (f: string) => {
      if (!(f in m)) throw new Error('ENOENT');
      return m[f]!;
    };
    expect(containerMemoryLimit(files({ '/sys/fs/cgroup/memory.max': '536870912\n' }))).toBe(512 * MiB);
    expect(containerMemoryLimit(files({ '/sys/fs/cgroup/memory.max': 'max\n' }))).toBeUndefined();
    expect(
      containerMemoryLimit(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '1073741824\n' })),
    ).toBe(1024 * MiB);
    // v1 without a limit: a number near 2^63.
    expect(
      containerMemoryLimit(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712' })),
    ).toBeUndefined();
    expect(containerMemoryLimit(files({}))).toBeUndefined();
    expect(parseCgroupLimit('')).toBeUndefined();
  });

  it('says where the heap limit came from', () => {
    expect(
      heapBudget({ NODE_OPTIONS: '--max-old-space-size=128 --max-semi-space-size=2' }, 512 * MiB).source,
    ).toBe('--max-old-space-size=128');
    expect(heapBudget({}, 512 * MiB).source).toMatch(/default for a 512 MiB container/);
    expect(heapBudget({}, undefined).source).toMatch(/default for this machine/);
    expect(heapBudget({}).heapBytes).toBeGreaterThan(0);
  });
});

describe('heap shortfall', () => {
  it('passes a heap that holds the jobs', () => {
    expect(heapShortfall(1000, { heapBytes: heapNeeded(1000), source: 'x' })).toBeUndefined();
  });

  it('names the settings to change when it does not', () => {
    const msg = heapShortfall(10_000, {
      heapBytes: 128 * MiB,
      containerLimitBytes: 512 * MiB,
      source: '--max-old-space-size=128',
    });
    expect(msg).toMatch(/^10,000 jobs need about \d+ MiB of JavaScript heap; this process has 128 MiB/);
    expect(msg).toMatch(/--max-old-space-size=128\) in a 512 MiB container/);
    expect(msg).toMatch(/Raise the container's memory limit to at least \d+ MiB/);
    expect(msg).toMatch(/NODE_OPTIONS=--max-old-space-size=\d+$/);
    // The container size it asks for gives a heap big enough by the image's rule (3/4 less 64 MiB).
    const asked = Number(/at least (\d+) MiB/.exec(msg ?? '')![1]);
    expect((asked - 64) * 0.75 * MiB).toBeGreaterThanOrEqual(heapNeeded(10_000));
  });
});

describe('shared heap check (several environments in one process)', () => {
  it('checks the sum of the environments, not each against the whole heap', () => {
    // A heap that holds 1,000 jobs: two environments of 600 each do not fit together.
    const check = sharedHeapCheck({ heapBytes: heapNeeded(1000), source: 'x' });
    const dev = check('dev');
    const prod = check('prod');
    expect(dev(600)).toBeUndefined();
    expect(prod(600)).toMatch(/^1,200 jobs need about/);
    // An environment's count is replaced by its next one, not added again.
    expect(prod(300)).toBeUndefined();
    expect(prod(300)).toBeUndefined();
    expect(dev(701)).toMatch(/^1,001 jobs need/);
  });
});
