import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { describeBrowser, launchBrowser } from '../support/browser';
import { startTestStack, type TestStack } from '../support/stack';

/** Per test: a 9 MB inline GraphiQL bundle parsed on two busy cores takes a while. */
const TEST_TIMEOUT = 90_000;
/** Per browser action or wait. */
const STEP_TIMEOUT = 45_000;
const SETTLE_MS = 15_000;

describeBrowser('the playground in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let router: URL;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    router = new URL(stack.publicUrl);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled(contexts.map((c) => c.close()));
    await browser?.close();
    await stack?.close();
  }, 60_000);

  /** A fresh context (own localStorage), recording every request its pages make. */
  async function openPage(): Promise<{ page: Page; requests: string[]; pageErrors: string[]; settled: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const requests: string[] = [];
    const pending = new Set<Request>();
    let lastChange = Date.now();
    context.on('request', (r) => {
      requests.push(r.url());
      pending.add(r);
      lastChange = Date.now();
    });
    const done = (r: Request) => {
      pending.delete(r);
      lastChange = Date.now();
    };
    context.on('requestfinished', done);
    context.on('requestfailed', done);
    /**
     * Waits until no request has started or ended for a second (every request the page makes by itself has been
     * made), at most SETTLE_MS. Playwright's 'networkidle' waits for every request to end, and timed out now and then
     * in the full suite; a request still open then is named in the log instead of failing the test on its own: what
     * the test checks is which hosts were asked, and those requests have been made.
     */
    const settled = async () => {
      const until = Date.now() + SETTLE_MS;
      while (Date.now() < until && (pending.size > 0 || Date.now() - lastChange < 1000)) await new Promise((r) => setTimeout(r, 100));
      if (pending.size > 0)
        console.log(`playground: still open after ${SETTLE_MS} ms: ${[...pending].map((r) => `${r.method()} ${r.url()}`).join(', ')}`);
    };
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return { page, requests, pageErrors, settled };
  }

  /** Waits until the query editor (Monaco, which renders only visible lines) shows `text`. */
  const editorShows = (page: Page, text: string) =>
    page.waitForFunction(
      (t) => [...document.querySelectorAll('.graphiql-query-editor .view-lines')].some((e) => (e.textContent ?? '').replace(/\s+/g, ' ').includes(t)),
      text,
      { timeout: STEP_TIMEOUT },
    );

  /** The router itself (either loopback name, same port), or content the page made itself. */
  const isOwn = (url: string) => {
    const u = new URL(url);
    if (u.protocol === 'blob:' || u.protocol === 'data:') return true;
    return u.protocol === router.protocol && ['localhost', '127.0.0.1'].includes(u.hostname) && u.port === router.port;
  };

  it(
    'renders GraphiQL with the contract operations, asking nothing of any other host',
    async () => {
      const { page, requests, pageErrors, settled } = await openPage();
      const graphqlStatuses: number[] = [];
      page.on('response', (r) => {
        if (new URL(r.url()).pathname === '/graphql' && r.request().method() === 'POST') graphqlStatuses.push(r.status());
      });

      await page.goto(`${stack.publicUrl}/graphql`, { waitUntil: 'load' });
      await editorShows(page, 'query PartyByUrn');
      // The schema introspection and Monaco's workers have been asked for by now; let them settle.
      await page.getByRole('button', { name: /Execute query/ }).waitFor();
      await settled();
      await page.screenshot({ path: '/tmp/playground.png' });

      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((u) => !isOwn(u))).toEqual([]);
      // Anonymous, the schema still loads: no placeholder token is sent and refused.
      expect(graphqlStatuses.length).toBeGreaterThan(0);
      expect(graphqlStatuses).toEqual(graphqlStatuses.map(() => 200));
      await expect(page.locator('.graphiql-response').innerText()).resolves.not.toContain('UNAUTHENTICATED');
      expect(pageErrors).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'logs in as KARI NORDMANN through /dev/login?next=/graphql and runs Me in the playground',
    async () => {
      const { page, requests } = await openPage();
      // As a visitor would: the playground first, logged out, then the login it points to.
      await page.goto(`${stack.publicUrl}/graphql`);
      await editorShows(page, 'query PartyByUrn');

      await page.goto(`${stack.publicUrl}/dev/login?next=/graphql`);
      await page.getByRole('button', { name: 'KARI NORDMANN', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/graphql');
      const token = await page.evaluate(() => localStorage.getItem('hub:token'));
      expect(token).toMatch(/^ey/);

      // Back on the contract operations, with the new token in the headers editor.
      await editorShows(page, 'query PartyByUrn');
      await page.waitForFunction(
        (t) => [...document.querySelectorAll('.graphiql-editor-tool .view-lines')].some((e) => (e.textContent ?? '').includes(t)),
        token!.slice(-32),
      );

      // Many operations and no cursor in any: GraphiQL asks which one.
      await page.getByRole('button', { name: /Execute query/ }).click();
      await page.getByRole('menuitem', { name: 'Me', exact: true }).click();
      const response = page.locator('.graphiql-response', { hasText: 'KARI NORDMANN' });
      await response.waitFor();
      const shown = await response.innerText();
      expect(shown).toContain('urn:altinn:person:identifier-no:17857210042');
      expect(shown).not.toContain('errors');

      expect(requests.filter((u) => !isOwn(u))).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
