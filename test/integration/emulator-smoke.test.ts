import { beforeEach, describe, expect, it } from 'vitest';
import { emulatorEndpoint, resetEmulator } from '../support/emulator.js';

describe('local AWS emulator', () => {
  beforeEach(() => resetEmulator());

  it('answers and resets', async () => {
    const res = await fetch(`${emulatorEndpoint()}/moto-api/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
  });
});
