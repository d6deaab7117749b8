// A directory on this machine as a source (development): every sync reads the files as they
// are; a chokidar watcher reports edits, debounced so an editor's burst of writes is one change.
import path from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { currentRevision } from './revision.js';
import type { Source, SourceSnapshot } from './source.js';

export interface LocalSourceOptions {
  dir: string;
  /** Quiet time after the last file event before onChange fires. */
  debounceMs?: number;
  /** Called once the watcher has scanned the directory (edits before that may go unseen). */
  onReady?: () => void;
}

const IGNORED = /(^|[/\\])(\.git|node_modules)([/\\]|$)/;

export class LocalSource implements Source {
  readonly description: string;
  private readonly dir: string;
  // Bumped on every file event, so a sync after an edit never reuses the old evaluation.
  private generation = 0;

  constructor(private readonly opts: LocalSourceOptions) {
    this.dir = path.resolve(opts.dir);
    this.description = `dir:${this.dir}`;
  }

  async sync(): Promise<SourceSnapshot> {
    const revision = (await currentRevision(this.dir)) ?? 'local';
    return { revision, dir: this.dir, id: `${revision}#${this.generation}` };
  }

  watch(onChange: () => void): () => Promise<void> {
    const watcher = chokidarWatch(this.dir, {
      ignoreInitial: true,
      ignored: (p: string) => IGNORED.test(path.relative(this.dir, p)),
    });
    if (this.opts.onReady) watcher.once('ready', this.opts.onReady);
    let timer: NodeJS.Timeout | undefined;
    watcher.on('all', () => {
      this.generation += 1;
      clearTimeout(timer);
      timer = setTimeout(onChange, this.opts.debounceMs ?? 300);
    });
    return async () => {
      clearTimeout(timer);
      await watcher.close();
    };
  }
}
