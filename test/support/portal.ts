import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser build, from node_modules: injected into the page under test, never fetched from a CDN. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now. The script is added through the DevTools protocol
 * (`page.evaluate`), which the page's CSP does not govern, so the page's own policy stays strict.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: { target: string[] }) => n.target.join(' ')),
    }));
  });
}

/** True when the page scrolls sideways at its current width. */
export const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/**
 * Presses Tab until the element matching `selector` has the focus (at most `limit` presses) and returns the focused
 * element's outline, to show that keyboard focus is visible; null when Tab never reaches it.
 */
export async function tabTo(page: Page, selector: string, limit = 60): Promise<{ outlineStyle: string; outlineWidth: string } | null> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate((sel) => {
      const active = document.activeElement;
      if (!active || !active.matches(sel)) return null;
      const style = getComputedStyle(active);
      return { outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth };
    }, selector);
    if (outline) return outline;
  }
  return null;
}
