// The slice of the SDK's middleware stack berth uses. The SDK's own types are generic per
// client and overloaded per step; this shape fits every client without casting each call.
export interface RequestLike {
  protocol?: string;
  hostname?: string;
  port?: number;
}

export type Handler = (args: { request?: RequestLike; input?: unknown }) => Promise<unknown>;
export type Middleware = (next: Handler, context: { commandName?: string }) => Handler;

export interface MiddlewareStackLike {
  add(mw: Middleware, opts: { step: 'initialize'; priority?: 'high' | 'normal' | 'low'; name: string }): void;
  addRelativeTo(
    mw: Middleware,
    opts: { relation: 'before' | 'after'; toMiddleware: string; name: string },
  ): void;
}

/** Adapts a client's stack (ECSClient, SchedulerClient, …) to MiddlewareStackLike. */
export function stackOf(client: { middlewareStack: unknown }): MiddlewareStackLike {
  return client.middlewareStack as MiddlewareStackLike;
}
