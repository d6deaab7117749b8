// git in a test repository, with an identity of its own (CI machines may have none).
import { spawnSync } from 'node:child_process';

export function gitIn(dir: string): (...args: string[]) => void {
  return (...args) => {
    const r = spawnSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString()}`);
  };
}

/** `git init` on main and one commit of everything in `dir`. */
export function commitAll(dir: string, message = 'base'): void {
  const git = gitIn(dir);
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', message);
}
