// What git holds in the controller crash test, and the seeded pushes that change it.
import { jobYaml } from '../controller/support.js';

// No name is a prefix of another: ListTaskDefinitions filters families by prefix.
const POOL = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];

/**
 * Files beside the manifests, rewritten by every push: a fetch and a checkout then take long
 * enough for a kill to land inside them (repositories hold more than manifests anyway).
 */
const FILLER = 120;

export function filler(push: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: FILLER }, (_, i) => [`notes/n${i}.md`, `note ${i} as of push ${push}\n`]),
  );
}

export { prng } from '../../support/prng.js';

/**
 * The jobs git holds and commits that change them. A change always brings a new image (a new
 * task definition); schedule-only changes made while the controller is down are covered by
 * controller-kill-record.test.ts (berth's applied-state record, docs/ownership-and-state.md).
 */
export class JobModel {
  readonly jobs = new Map<string, { image: string; expression: string }>();
  private readonly seen = new Set<string>();
  private version = 40;

  constructor(private readonly rand: () => number) {}

  /** Adds or changes a job (always a new image); returns the file to commit. */
  set(name: string, expression = 'cron(0 3 * * ? *)'): Record<string, string> {
    const job = { image: `1.${(this.version += 1)}`, expression };
    this.jobs.set(name, job);
    this.seen.add(name);
    return { [`jobs/${name}.yaml`]: jobYaml(name, job) };
  }

  /**
   * One to three edits: add, change (image, sometimes the schedule too), remove. At most half
   * the jobs go at once: beyond prune.maxDeleteFraction (0.5) berth rightly refuses to prune.
   */
  mutate(): Record<string, string | null> {
    const files: Record<string, string | null> = {};
    const edits = 1 + Math.floor(this.rand() * 3);
    let removable = Math.floor(this.jobs.size / 2);
    for (let i = 0; i < edits; i++) {
      const present = [...this.jobs.keys()].filter((j) => !(`jobs/${j}.yaml` in files));
      const absent = POOL.filter((j) => !this.jobs.has(j) && !(`jobs/${j}.yaml` in files));
      const r = this.rand();
      if ((r < 0.3 || present.length === 0) && absent.length > 0)
        Object.assign(files, this.set(this.pick(absent)));
      else if (r < 0.75 || present.length <= 1 || removable === 0) {
        const name = this.pick(present);
        const expression =
          this.rand() < 0.5
            ? `rate(${2 + Math.floor(this.rand() * 22)} hours)`
            : this.jobs.get(name)!.expression;
        Object.assign(files, this.set(name, expression));
      } else {
        const name = this.pick(present);
        removable -= 1;
        this.jobs.delete(name);
        files[`jobs/${name}.yaml`] = null;
      }
    }
    return files;
  }

  /** Jobs that were in git once and are not now. */
  removed(): string[] {
    return [...this.seen].filter((j) => !this.jobs.has(j));
  }

  private pick<T>(items: T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }
}
