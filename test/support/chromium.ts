// Debian's headless Chromium (package `chromium`, /usr/bin/chromium) driven by playwright-core,
// which brings no browser of its own. .ci/run installs the package when it is missing.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Quiet, offline, throwaway: no sandbox (CI runs as root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // no --user-data-dir: playwright starts every browser on a fresh temporary profile
];

export function chromiumInstalled(path = CHROMIUM): boolean {
  return existsSync(path);
}

export function launchChromium(path = CHROMIUM): Promise<Browser> {
  return chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
}
