// What the controller reads manifests from: a git remote or a local directory. A source
// hands out one snapshot at a time; the controller evaluates it and decides what to do.

export interface SourceSnapshot {
  /** Git commit (full SHA), "<sha>-dirty", or "local" for a directory outside git. */
  revision: string;
  /** Directory holding berth.yaml for this snapshot. */
  dir: string;
  /** Changes whenever the content may have changed: evaluation is cached by it. */
  id: string;
}

export interface Source {
  /** For logs and status, credentials removed. */
  readonly description: string;
  /** Brings the snapshot up to date (fetching when the remote moved) and returns it. */
  sync(signal?: AbortSignal): Promise<SourceSnapshot>;
  /** Calls onChange when the source knows it changed (file watch); returns a stop function. */
  watch?(onChange: () => void): () => Promise<void>;
  /**
   * Whether `ancestor` is in the history of `descendant`: false means the branch was rewritten
   * (force-pushed); undefined when the source cannot tell.
   */
  isAncestor?(ancestor: string, descendant: string): Promise<boolean | undefined>;
  /** Releases watchers and child processes. */
  close?(): Promise<void>;
}
