import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { ACCEPT, CREATE, inSeconds, URN } from '../support/consents';
import { startStackWithOidc, type TestOidcProvider } from '../support/oidc-provider';
import { chooseParty, expectAccessible, portalBrowser, portalReady } from '../support/portal';
import type { TestStack } from '../support/stack';

const IDLE_SECONDS = 5;

describeBrowser('the portal’s login session in Chromium', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let browser: Browser;
  let emmaConsent: string;

  beforeAll(async () => {
    ({ provider, stack } = await startStackWithOidc(IDLE_SECONDS));
    browser = await launchBrowser();
    const created = await stack.graphql(
      CREATE,
      {
        input: {
          from: URN.emma,
          validTo: inSeconds(30 * 86_400),
          redirectUrl: 'https://banken.example/samtykke/retur',
          rights: [{ resource: 'digilaer-personopplysninger' }],
        },
      },
      await stack.token({ client: 'banken-system' }),
    );
    emmaConsent = created.body.data.createConsentRequest.id;
    const accepted = await stack.graphql(ACCEPT, { id: emmaConsent }, await stack.personToken('hakon'));
    expect(accepted.body.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await provider?.close();
  }, 60_000);

  it('an expired session leads to the login and back to the same party’s consents, never to "no consents"', async () => {
    const { context, page, logins, problems } = await portalBrowser(browser);
    provider.loginAs('hakon');
    await page.goto(`${stack.publicUrl}/portal/consents`);
    await chooseParty(page, 'EMMA TRANA');
    await page.locator(`[data-consent="${emmaConsent}"]`).waitFor();
    expect(logins.length).toBe(1);

    // The page already open: its next call to the graph (a withdrawal) is refused (401), and it goes to the login.
    await page.waitForTimeout((IDLE_SECONDS + 1) * 1000);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Trekk samtykke til BANKEN AS' }).click();
    await expect.poll(() => logins.length).toBe(2);
    await page.waitForURL((url) => url.pathname === '/portal/consents' && !url.searchParams.has('party'));
    await portalReady(page);
    // Back acting for EMMA, without the picker; nothing was withdrawn without a session.
    expect(await page.locator('#acting-for-name').textContent()).toBe('EMMA TRANA');
    expect(await page.locator(`[data-consent="${emmaConsent}"] .status`).getAttribute('data-status')).toBe('ACCEPTED');
    expect(await page.locator('#no-consents').count()).toBe(0);

    // A page opened after the session ended goes to the login at once.
    await page.waitForTimeout((IDLE_SECONDS + 1) * 1000);
    await page.goto(`${stack.publicUrl}/portal/consent-log`);
    await expect.poll(() => logins.length).toBe(3);
    // A new session: the person chooses whom to act for again, then reaches the page asked for.
    await chooseParty(page, 'EMMA TRANA');
    expect(new URL(page.url()).pathname).toBe('/portal/consent-log');
    expect(await page.locator('#acting-for-name').textContent()).toBe('EMMA TRANA');
    expect(await page.locator('main').innerText()).not.toContain('Ingen samtykker');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('"Bytt bruker" asks the provider who is there; KARI then chooses whom to act for, and sees her own view', async () => {
    const { context, page, problems } = await portalBrowser(browser);
    provider.loginAs('hakon');
    await page.goto(`${stack.publicUrl}/portal/`);
    await chooseParty(page, 'HÅKON TRANA');
    await expect.poll(() => page.locator('#viewer').textContent()).toBe('Logget inn som HÅKON TRANA');
    const before = provider.logins.length;

    provider.loginAs('kari');
    await page.getByRole('button', { name: 'Bytt bruker' }).click();
    await page.waitForURL((url) => url.pathname === '/portal/party');
    await portalReady(page);
    expect(provider.logins.slice(before)).toEqual(['kari']);
    expect(await page.locator('#viewer').textContent()).toBe('Logget inn som KARI NORDMANN');
    expect(await page.locator('#choose-organisations h3').allTextContents()).toContain('TRANA BYGG AS');
    expect(await page.locator('#choose-persons').count()).toBe(0);
    await chooseParty(page, 'TRANA BYGG AS');
    expect(await page.locator('#acting-for-name').textContent()).toBe('TRANA BYGG AS');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL((url) => url.pathname === '/auth/logged-out');
    expect((await context.cookies(stack.publicUrl)).find((c) => c.name === 'hub_session')).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
