import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestHandlerOptions } from '../../../src/aws/clients.js';
import { requestTimeoutOption } from '../../../src/cli/context.js';
import { runtimeSettings } from '../../../src/config/runtime.js';

describe('BERTH_REQUEST_TIMEOUT', () => {
  it('is a duration handed to the AWS clients', () => {
    const s = runtimeSettings({}, { BERTH_REQUEST_TIMEOUT: '2s' });
    expect(s.requestTimeoutMs).toBe(2_000);
    expect(requestTimeoutOption(s)).toEqual({ requestTimeoutMs: 2_000 });
    expect(runtimeSettings({}, { BERTH_REQUEST_TIMEOUT: '1500ms' }).requestTimeoutMs).toBe(1_500);
  });

  it('is absent unless set, and a malformed value is an error', () => {
    const s = runtimeSettings({}, {});
    expect(s.requestTimeoutMs).toBeUndefined();
    expect(requestTimeoutOption(s)).toEqual({});
    expect(() => runtimeSettings({}, { BERTH_REQUEST_TIMEOUT: 'soon' })).toThrow(/BERTH_REQUEST_TIMEOUT/);
  });

  it('makes a breached request timeout an error, not a logged warning', () => {
    // The SDK only warns about a breached requestTimeout unless told to throw: a hung endpoint
    // would then hold berth forever (found by the fault injector's timeout fault).
    expect(requestHandlerOptions({})).toEqual({
      connectionTimeout: 10_000,
      requestTimeout: DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    });
    expect(requestHandlerOptions({ requestTimeoutMs: 750 }).requestTimeout).toBe(750);
  });
});
