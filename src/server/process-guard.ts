// The controller is a long-running daemon: an error that escapes every handler (a bug, a library
// throwing from a timer or an event) must not take reconciliation and the health endpoints down
// with it. It is logged, counted, and the process keeps serving; /healthz and the metrics show
// whether the loop still makes progress, and the orchestrator restarts a process that does not.
import type { Logger } from 'pino';

export interface ProcessGuard {
  /** Errors caught so far (uncaught exceptions and unhandled rejections). */
  readonly caught: number;
  uninstall(): void;
}

export function installProcessGuard(log: Logger, onCaught?: (kind: string) => void): ProcessGuard {
  let caught = 0;
  const report = (kind: 'uncaughtException' | 'unhandledRejection') => (err: unknown) => {
    caught++;
    log.error(
      {
        kind,
        error: err instanceof Error ? err.message : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      },
      'internal error caught at the top level: still serving',
    );
    onCaught?.(kind);
  };
  const onException = report('uncaughtException');
  const onRejection = report('unhandledRejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    get caught() {
      return caught;
    },
    uninstall() {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}
