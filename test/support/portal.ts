import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** axe-core's browser build, from node_modules (never from a CDN). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Where the portal tests save their screenshots. */
export const SCREENSHOT_DIR = join(tmpdir(), 'hub-portal-screenshots');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The page's WCAG 2.1 A/AA violations, by axe-core run in the page. Injected through the DevTools protocol
 * (`evaluate`), which the page's CSP does not govern, so the CSP under test stays as served.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Asserts 0 axe violations. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** Asserts the page does not scroll sideways (at the viewport's width), and saves a full-page screenshot. */
export async function expectNoHorizontalScroll(page: Page, name: string): Promise<string> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${name}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`).toBeLessThanOrEqual(clientWidth);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A phone's viewport: 390 px wide. */
export const PHONE = { width: 390, height: 844 };

/** A fresh browser profile (a phone's width), recording page errors and CSP reports, and visits to /auth/login. */
export async function portalBrowser(
  browser: Browser,
  timeout = 45_000,
): Promise<{ context: BrowserContext; page: Page; logins: string[]; problems: string[] }> {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const logins: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && new URL(r.url()).pathname === '/auth/login') logins.push(r.url());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  // Console errors (a CSP refusal among them), and failed responses but the browser's own favicon request.
  page.on('console', (m) => {
    if (process.env.PORTAL_DEBUG) console.log(m.text());
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.status() !== 401 && new URL(r.url()).pathname !== '/favicon.ico') problems.push(`${r.status()} ${r.url()}`);
  });
  return { context, page, logins, problems };
}

/** Waits until the portal page has rendered its query's answer. */
export async function portalReady(page: Page): Promise<void> {
  await page.locator('body[data-ready="true"]').waitFor();
}

/** On the party picker, chooses the party with this name; waits for the page it leads to. */
export async function chooseParty(page: Page, name: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/portal/party');
  await portalReady(page);
  await page
    .getByRole('button', { name: `Velg ${name}`, exact: true })
    .or(page.getByRole('button', { name: `Choose ${name}`, exact: true }))
    .click();
  await page.waitForURL((url) => url.pathname !== '/portal/party');
  await portalReady(page);
}

/** Tabs through the page until `locator`'s element has the keyboard focus, and checks its focus is visible. */
export async function expectKeyboardReachable(page: Page, selector: string, maxTabs = 60): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((sel) => {
      const active = document.activeElement;
      if (!active || !active.matches(sel)) return null;
      const style = getComputedStyle(active);
      return { outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px', focusVisible: active.matches(':focus-visible') };
    }, selector);
    if (hit) {
      expect(hit).toEqual({ outline: true, focusVisible: true });
      return;
    }
  }
  throw new Error(`${selector} was not reached with Tab`);
}
