// Per-test access to the shared emulator: endpoint, environment for child processes, reset.
import { inject } from 'vitest';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export function emulatorEndpoint(): string {
  return inject('emulatorEndpoint');
}

/** Environment that points the standard AWS SDK configuration at the emulator. */
export function emulatorEnv(endpoint = emulatorEndpoint()): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Wipes all emulator state (POST /moto-api/reset). */
export async function resetEmulator(endpoint = emulatorEndpoint()): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`emulator reset failed: HTTP ${res.status}`);
}
