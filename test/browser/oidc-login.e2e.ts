import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { startStackWithOidc, type TestOidcProvider } from '../support/oidc-provider';
import type { TestStack } from '../support/stack';

const STEP_TIMEOUT = 45_000;
const IDLE_SECONDS = 5;
const CREATE = /* GraphQL */ `
  mutation CreateConsentRequest($input: CreateConsentRequestInput!) {
    createConsentRequest(input: $input) {
      id
    }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation ($id: ID!) {
    acceptConsentRequest(id: $id) {
      status
    }
  }
`;

describeBrowser('the pages’ OIDC login in Chromium', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let browser: Browser;
  let consentId: string;

  beforeAll(async () => {
    ({ provider, stack } = await startStackWithOidc(IDLE_SECONDS));
    browser = await launchBrowser();
    // A consent HÅKON gave BANKEN AS, for his overview to show.
    const created = await stack.graphql(
      CREATE,
      {
        input: {
          from: 'urn:altinn:person:identifier-no:12888510018',
          validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          rights: [{ resource: 'ske-restanser' }],
          redirectUrl: 'https://banken.example/samtykke/retur',
        },
      },
      await stack.token({ client: 'banken-system' }),
    );
    consentId = created.body.data.createConsentRequest.id;
    const accepted = await stack.graphql(ACCEPT, { id: consentId }, await stack.personToken('hakon'));
    expect(accepted.body.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await provider?.close();
  }, 60_000);

  /** A fresh browser profile, recording every page error and every visit to the hub's /auth/login. */
  async function freshBrowser(): Promise<{ context: BrowserContext; page: Page; logins: string[]; problems: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    const logins: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (r.isNavigationRequest() && new URL(r.url()).pathname === '/auth/login') logins.push(r.url());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|CSP/.test(m.text())) problems.push(m.text());
    });
    return { context, page, logins, problems };
  }

  it('HÅKON logs in at the provider and his overview shows his consent; the cookie is httpOnly and SameSite=Lax; no token in storage', async () => {
    const { context, page, logins, problems } = await freshBrowser();
    provider.loginAs('hakon');
    await page.goto(`${stack.publicUrl}/consent/overview`);
    await page.locator(`[data-consent="${consentId}"]`).waitFor();
    expect(logins.length).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/consent/overview');
    await expect.poll(() => page.locator('#viewer').textContent()).toBe('Logget inn som HÅKON TRANA');
    expect(await page.locator(`[data-consent="${consentId}"]`).textContent()).toContain('BANKEN AS');

    const session = (await context.cookies(stack.publicUrl)).find((c) => c.name === 'hub_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    expect(await page.evaluate(() => [document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)].join(''))).not.toMatch(
      /hub_session|eyJ/,
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('after the session expired, the overview sends HÅKON to log in (not to "no consents") and shows his consent again', async () => {
    const { context, page, logins, problems } = await freshBrowser();
    provider.loginAs('hakon');
    await page.goto(`${stack.publicUrl}/consent/overview`);
    await page.locator(`[data-consent="${consentId}"]`).waitFor();
    await page.waitForTimeout((IDLE_SECONDS + 1) * 1000);
    const loginsBefore = provider.logins.length;

    // The page already open: its next call to the graph (a withdrawal) is refused with 401, and it goes to the login.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Se/trekk samtykke' }).click();
    await expect.poll(() => logins.length).toBe(2);
    await page.locator(`[data-consent="${consentId}"]`).waitFor();
    // Nothing was done without a session: the consent stands.
    expect(await page.locator(`[data-consent="${consentId}"] .status`).getAttribute('data-status')).toBe('ACCEPTED');

    // A page opened after the session ended goes to the login at once.
    await page.waitForTimeout((IDLE_SECONDS + 1) * 1000);
    await page.reload();
    await expect.poll(() => logins.length).toBe(3);
    await page.locator(`[data-consent="${consentId}"]`).waitFor();
    // The provider's own session still held: it logged him in again without asking.
    expect(provider.logins.length).toBe(loginsBefore);
    expect(await page.locator('main').textContent()).not.toContain('Ingen samtykker');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('logs out with the button: the session ends, and the overview asks for a login again', async () => {
    const { context, page, logins } = await freshBrowser();
    provider.loginAs('hakon');
    await page.goto(`${stack.publicUrl}/consent/overview`);
    await page.locator(`[data-consent="${consentId}"]`).waitFor();
    const cookie = (await context.cookies(stack.publicUrl)).find((c) => c.name === 'hub_session')!.value;

    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL((url) => url.pathname === '/auth/logged-out');
    expect((await context.cookies(stack.publicUrl)).find((c) => c.name === 'hub_session')).toBeUndefined();
    const replay = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `hub_session=${cookie}` },
      body: '{"query":"{ me { name } }"}',
    });
    expect(replay.status).toBe(401);

    await page.goto(`${stack.publicUrl}/consent/overview`);
    await page.locator('#viewer').waitFor();
    expect(logins.length).toBe(2);
    await context.close();
  });

  it('switches user with "Bytt bruker": the provider asks again, and KARI’s overview follows', async () => {
    const { context, page } = await freshBrowser();
    provider.loginAs('hakon');
    await page.goto(`${stack.publicUrl}/consent/overview`);
    await expect.poll(() => page.locator('#viewer').textContent()).toBe('Logget inn som HÅKON TRANA');
    const before = provider.logins.length;

    provider.loginAs('kari');
    await page.getByRole('button', { name: 'Bytt bruker' }).click();
    await expect.poll(() => page.locator('#viewer').textContent()).toBe('Logget inn som KARI NORDMANN');
    expect(provider.logins.slice(before)).toEqual(['kari']);
    expect(await page.locator(`[data-consent="${consentId}"]`).count()).toBe(0);
    await context.close();
  });
});
