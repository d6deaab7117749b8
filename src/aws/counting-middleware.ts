// Counts every AWS operation once per call ("ecs:ListTaskDefinitions") and, separately, every
// HTTP attempt including retries, so a command can report what it cost and tests can assert it.
import type { CallCounter } from '../model/ports.js';
import { rememberEndpoint } from './errors.js';
import type { MiddlewareStackLike } from './middleware-stack.js';

export class CallCounts implements CallCounter {
  private readonly ops = new Map<string, number>();
  private readonly tries = new Map<string, number>();

  countOperation(key: string): void {
    this.ops.set(key, (this.ops.get(key) ?? 0) + 1);
  }

  countAttempt(key: string): void {
    this.tries.set(key, (this.tries.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return sortedRecord(this.ops);
  }

  attempts(): Record<string, number> {
    return sortedRecord(this.tries);
  }

  total(): number {
    let n = 0;
    for (const v of this.ops.values()) n += v;
    return n;
  }

  reset(): void {
    this.ops.clear();
    this.tries.clear();
  }
}

/** "ecs:ListTaskDefinitions" from the SDK's command name ("ListTaskDefinitionsCommand"). */
export function operationKey(service: string, context: { commandName?: string }): string {
  return `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
}

export function addCountingMiddleware(stack: MiddlewareStackLike, service: string, counts: CallCounts): void {
  stack.add(
    (next, context) => async (args) => {
      counts.countOperation(operationKey(service, context));
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'berthOperationCounter' },
  );
  // Placed after the retry middleware, so it runs once per HTTP attempt.
  stack.addRelativeTo(
    (next, context) => async (args) => {
      counts.countAttempt(operationKey(service, context));
      try {
        return await next(args);
      } catch (err) {
        rememberEndpoint(err, args.request);
        throw err;
      }
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'berthAttemptCounter' },
  );
}

function sortedRecord(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
