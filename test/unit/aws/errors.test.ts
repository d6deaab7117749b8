// AWS errors as a user reads them: one line, no advice about SDK internals.
import { describe, expect, it } from 'vitest';
import { toBerthError } from '../../../src/aws/errors.js';

describe('toBerthError', () => {
  it('an HTML page instead of an AWS response: no SDK field to inspect, a hint instead', () => {
    // What the SDK throws when an endpoint answers HTTP 500 with an HTML page (seen from moto).
    const sdk = Object.assign(
      new Error(
        'Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
      ),
      { name: 'SyntaxError', $metadata: { httpStatusCode: 500 } },
    );
    const e = toBerthError(sdk, { op: 'ecs:RunTask', region: 'us-east-1' });
    expect(e.message).toBe(
      'ecs:RunTask: AWS server error (HTTP 500): Unexpected token \'<\', "<!doctype "... is not valid JSON',
    );
    expect(e.hint).toContain('not an AWS response');
    expect(e.transient).toBe(true);
  });

  it('a plain server error keeps its message and gets no hint', () => {
    const sdk = Object.assign(new Error('We encountered an internal error.'), {
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 500 },
    });
    const e = toBerthError(sdk, { op: 'scheduler:GetSchedule' });
    expect(e.message).toBe(
      'scheduler:GetSchedule: AWS server error (HTTP 500): We encountered an internal error.',
    );
    expect(e.hint).toBeUndefined();
  });
});
