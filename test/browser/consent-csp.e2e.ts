import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { startTestStack, type TestStack } from '../support/stack';

const STEP_TIMEOUT = 45_000;
const REDIRECT = 'https://banken.example/samtykke/retur';
const HAKON = 'urn:altinn:person:identifier-no:12888510018';
const CREATE = /* GraphQL */ `mutation CreateConsentRequest($input: CreateConsentRequestInput!) {
  createConsentRequest(input: $input) { id viewUrl }
}`;

/** The CSP directive `name` of a policy, as its list of sources. */
const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1);

describeBrowser('the consent pages under a CSP without inline script', () => {
  let stack: TestStack;
  let browser: Browser;
  let bankToken: string;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    bankToken = await stack.token({ client: 'banken-system' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  /**
   * HÅKON's browser, already logged in (the session cookie the dev login would set), recording every CSP violation
   * (the DOM event and Chromium's console report) and every script error on the consent pages.
   */
  async function hakonsBrowser(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext();
    // The context's request API shares its cookie jar: the dev login's session cookie is the browser's.
    const login = await context.request.post(`${stack.publicUrl}/dev/session`, { data: { pid: '12888510018' } });
    expect(login.status()).toBe(200);
    await context.addInitScript(
      ({ hub }) => {
        if (location.origin !== hub) return;
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      },
      { hub: new URL(stack.publicUrl).origin },
    );
    // The requester's site: answered here rather than on the network.
    await context.route('https://banken.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<p id="bank">Takk</p>' }));
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    return { context, page, problems };
  }

  it("serves the request page with script-src 'self' only, and the page works under it: read, switch language, accept", async () => {
    const { body } = await stack.graphql(
      CREATE,
      {
        input: {
          from: HAKON,
          validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          rights: [{ resource: 'ske-restanser' }],
          redirectUrl: REDIRECT,
        },
      },
      bankToken,
    );
    expect(body.errors).toBeUndefined();
    const { viewUrl } = body.data.createConsentRequest;
    const { context, page, problems } = await hakonsBrowser();

    const response = await page.goto(viewUrl);
    const policy = (await response!.headerValue('content-security-policy'))!;
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    // No inline script: only the data block (never run) and the bundle from this site.
    const html = await response!.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts).toEqual(['type="application/json" id="page-data"', expect.stringMatching(/^src="\/assets\/consent\.[\w-]+\.js" defer$/)]);
    expect(html).not.toMatch(/\son[a-z]+=/i);

    await expect.poll(() => page.locator('#requester').textContent()).toBe('BANKEN AS ber om ditt samtykke.');
    await page.locator('#lang').click();
    expect(await page.locator('#requester').textContent()).toBe('BANKEN AS asks for your consent.');
    expect(await page.locator('#accept').textContent()).toBe('Yes, I consent');
    await page.locator('#accept').click();
    await page.waitForURL(`${REDIRECT}**`);
    expect(new URL(page.url()).searchParams.get('status')).toBe('ACCEPTED');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('runs the overview under the same policy: the withdraw button works, and an injected inline script is refused', async () => {
    const { body } = await stack.graphql(
      CREATE,
      {
        input: {
          from: HAKON,
          validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          rights: [{ resource: 'ske-restanser' }],
          redirectUrl: REDIRECT,
        },
      },
      bankToken,
    );
    const { id } = body.data.createConsentRequest;
    const accepted = await stack.graphql(
      `mutation ($id: ID!) { acceptConsentRequest(id: $id) { status } }`,
      { id },
      await stack.token({ pid: '12888510018' }),
    );
    expect(accepted.body.errors).toBeUndefined();
    const { context, page, problems } = await hakonsBrowser();

    const response = await page.goto(`${stack.publicUrl}/consent/overview`);
    expect(directive((await response!.headerValue('content-security-policy'))!, 'script-src')).toEqual(["'self'"]);
    const item = page.locator(`[data-consent="${id}"]`);
    await expect.poll(() => item.locator('.status').getAttribute('data-status')).toBe('ACCEPTED');
    page.once('dialog', (d) => d.accept());
    await item.getByRole('button', { name: 'Se/trekk samtykke' }).click();
    // The withdrawal and the reload that follows are two calls through the graph: more than the poll's default second
    // on a busy machine.
    await expect.poll(() => item.locator('.status').getAttribute('data-status'), { timeout: 10_000 }).toBe('REVOKED');
    expect(problems).toEqual([]);

    // The policy is enforced, and a violation would have been seen: markup that slipped in does not run.
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { injected?: boolean }).injected ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => problems.some((p) => p.includes('CSP violation: script-src'))).toBe(true);
    await context.close();
  }, 120_000);
});
