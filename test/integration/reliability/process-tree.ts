// Crashing a process the ways production does: SIGKILL to the process alone (its git children
// run on, orphaned, as under a supervisor that signals only the main pid) or to its whole tree
// (a container OOM-killed or evicted). Also finds a git command in flight, so that a kill can
// land inside a fetch or a checkout. Linux only: reads /proc.
import { readdirSync, readFileSync } from 'node:fs';

export type KillScope = 'process' | 'tree';

function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch {
      // The process exited between readdir and read.
    }
  }
  return out;
}

export function descendants(pid: number): number[] {
  const all = parents();
  const found: number[] = [];
  let frontier = new Set([pid]);
  while (frontier.size > 0) {
    const next = [...all].filter(([, ppid]) => frontier.has(ppid)).map(([p]) => p);
    found.push(...next);
    frontier = new Set(next);
  }
  return found;
}

function argv(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** SIGKILLs pid (and with 'tree' every descendant); returns how many descendants died with it. */
export function crash(pid: number, scope: KillScope): number {
  if (scope === 'process') {
    signal(pid, 'SIGKILL');
    return 0;
  }
  // Stopped first, so it forks nothing between the scan and the kill.
  signal(pid, 'SIGSTOP');
  const tree = descendants(pid);
  for (const p of tree) signal(p, 'SIGKILL');
  signal(pid, 'SIGKILL');
  return tree.length;
}

/**
 * Resolves with "git <op>" as soon as a descendant of pid runs git with one of `ops` as its
 * subcommand, or undefined once `stop()` says to give up. Polls /proc every millisecond or so.
 */
export async function gitCommandRunning(
  pid: number,
  ops: readonly string[],
  stop: () => boolean,
): Promise<string | undefined> {
  while (!stop()) {
    for (const p of descendants(pid)) {
      const args = argv(p);
      if (!/(^|\/)git$/.test(args[0] ?? '')) continue;
      // The subcommand may follow global options (-c key=value): any argument that names one counts.
      const op = args.slice(1).find((a) => ops.includes(a));
      if (op) return `git ${op}`;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  return undefined;
}
