import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

/** Debian's `chromium` package. Never a downloaded browser: no `playwright install`. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_MISSING = `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped; apt-get install -y chromium`;

/** True when Debian's Chromium is installed. */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Headless Chromium with no network of its own (no sync, updates, QUIC or background fetches), so every
 * request a page makes is one the page itself asked for. Playwright gives it a fresh temporary profile.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    timeout: 60_000,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Containers often have a small /dev/shm; Chromium crashes on it rather than using /tmp.
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A `describe` for browser tests. Without Chromium it skips them with a message, except on CI
 * (`CI=true`), where a missing browser is a failure: browser tests must never be skipped silently there.
 */
export function describeBrowser(name: string, fn: () => void): void {
  const available = browserAvailable();
  if (!available) {
    if (process.env.CI === 'true') {
      throw new Error(`${CHROMIUM_MISSING.replace('browser tests skipped', 'browser tests cannot run')} (CI=true: not skipping)`);
    }
    console.warn(CHROMIUM_MISSING);
  }
  describe.skipIf(!available)(name, fn);
}
