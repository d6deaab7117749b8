// Typed errors with causes (house rule 7): one base class, a stable code, transient or terminal.

export type ErrorCode =
  | 'NotFound'
  | 'Conflict'
  | 'Throttled'
  | 'AccessDenied'
  | 'Validation'
  | 'NoCredentials'
  | 'Unreachable'
  | 'Ownership'
  | 'StalePlan'
  | 'Invalid'
  | 'Git'
  | 'WrongAccount'
  | 'Internal';

export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly transient: boolean;
  readonly hint: string | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { cause?: unknown; transient?: boolean; hint?: string } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'BerthError';
    this.code = code;
    this.transient = opts.transient ?? (code === 'Throttled' || code === 'Unreachable');
    this.hint = opts.hint;
  }
}
