import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { startStackWithOidc, type TestOidcProvider } from '../support/oidc-provider';
import { chooseParty, expectAccessible, expectKeyboardReachable, expectNoHorizontalScroll, portalBrowser, portalReady } from '../support/portal';
import type { TestStack } from '../support/stack';

describeBrowser('the portal shell in Chromium', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    ({ provider, stack } = await startStackWithOidc(1800));
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await provider?.close();
  }, 60_000);

  it('after login HÅKON picks whom to act for (himself, EMMA, TRANA BYGG AS); the overview then shows EMMA’s view', async () => {
    const { context, page, logins, problems } = await portalBrowser(browser);
    provider.loginAs('hakon');
    await page.goto(`${stack.publicUrl}/portal/`);
    await page.waitForURL((url) => url.pathname === '/portal/party');
    await portalReady(page);
    expect(logins.length).toBe(1);
    await expect.poll(() => page.locator('#viewer').textContent()).toBe('Logget inn som HÅKON TRANA');
    expect(await page.locator('#choose-self h3').allTextContents()).toEqual(['HÅKON TRANA']);
    expect(await page.locator('#choose-persons h3').allTextContents()).toContain('EMMA TRANA');
    expect(await page.locator('#choose-organisations h3').allTextContents()).toContain('TRANA BYGG AS');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page, 'portal-party-picker');

    await chooseParty(page, 'EMMA TRANA');
    expect(new URL(page.url()).pathname).toBe('/portal/');
    expect(await page.locator('#acting-for-name').textContent()).toBe('EMMA TRANA');
    expect(await page.locator('#overview-party').textContent()).toContain('EMMA TRANA');
    expect(await page.locator('nav.portal-nav a[aria-current="page"]').textContent()).toBe('Oversikt');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page, 'portal-overview');
    await expectKeyboardReachable(page, '#change-party');

    // The choice is kept in the session: another page load still acts for EMMA.
    await page.reload();
    await portalReady(page);
    expect(await page.locator('#acting-for-name').textContent()).toBe('EMMA TRANA');

    // Change party: back to the picker, then TRANA BYGG AS.
    await page.locator('#change-party').click();
    await chooseParty(page, 'TRANA BYGG AS');
    expect(await page.locator('#acting-for-name').textContent()).toBe('TRANA BYGG AS');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('serves every portal page with a strict CSP (own script and style only, never framed), and refuses a party the person may not act for', async () => {
    const { context, page } = await portalBrowser(browser);
    provider.loginAs('siri');
    await page.goto(`${stack.publicUrl}/portal/`);
    await chooseParty(page, 'SIRI REGNESEN');
    const direct = await page.request.get(`${stack.publicUrl}/portal/`, { maxRedirects: 0 });
    expect(direct.status()).toBe(200);
    const policy = direct.headers()['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    const html = await direct.text();
    expect(html).not.toMatch(/<script(?![^>]*(src="\/assets\/portal\.|type="application\/json"))/);
    expect(html).not.toMatch(/https?:\/\/(?!localhost|127\.0\.0\.1)/);

    // SIRI may not act for TRANA BYGG AS: the router refuses the choice.
    const csrf = await page.locator('input[name="csrf"]').first().getAttribute('value');
    const refused = await page.request.post(`${stack.publicUrl}/portal/party`, {
      form: { csrf: csrf!, party: 'urn:altinn:organization:identifier-no:310000507', next: '/portal/' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    await context.close();
  }, 60_000);

  it('switches language (remembered on the next page) and the navigation follows', async () => {
    const { context, page, problems } = await portalBrowser(browser);
    provider.loginAs('kari');
    await page.goto(`${stack.publicUrl}/portal/`);
    await chooseParty(page, 'KARI NORDMANN');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Overview');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await portalReady(page);
    expect(await page.locator('#viewer').textContent()).toBe('Logged in as KARI NORDMANN');
    expect(await page.locator('nav.portal-nav').textContent()).toContain('Overview');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('routes: without a session to the login and back, an unknown page 404, a choice without the session’s CSRF token 403', async () => {
    const base = stack.publicUrl;
    const anonymous = await fetch(`${base}/portal/consents?after=x`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/auth/login?next=${encodeURIComponent('/portal/consents?after=x')}`);

    // The dev login makes a page session too (outside production), beside the OIDC provider.
    const context = await browser.newContext();
    const login = await context.request.post(`${base}/dev/session`, { data: { pid: '17857210042' } });
    expect(login.status()).toBe(200);
    const unknown = await context.request.get(`${base}/portal/nope`, { maxRedirects: 0 });
    expect(unknown.status()).toBe(404);
    const unchosen = await context.request.get(`${base}/portal/consent-log`, { maxRedirects: 0 });
    expect(unchosen.status()).toBe(303);
    expect(unchosen.headers().location).toBe(`/portal/party?next=${encodeURIComponent('/portal/consent-log')}`);
    const forged = await context.request.post(`${base}/portal/party`, {
      form: { csrf: 'not-the-token', party: 'urn:altinn:person:identifier-no:17857210042', next: '/portal/' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    const page = await context.newPage();
    await page.goto(`${base}/portal/consent-log`);
    await chooseParty(page, 'KARI NORDMANN');
    expect(new URL(page.url()).pathname).toBe('/portal/consent-log');
    await context.close();
  }, 60_000);
});
