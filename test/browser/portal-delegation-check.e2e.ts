import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { startStackWithOidc, type TestOidcProvider } from '../support/oidc-provider';
import { portalBrowser, portalReady } from '../support/portal';
import type { TestStack } from '../support/stack';

const STEP_TIMEOUT = 45_000;
const POLL = { timeout: 20_000, interval: 100 };
const TRANA_BYGG = 'urn:altinn:organization:identifier-no:310000507';
const KARI = 'urn:altinn:person:identifier-no:17857210042';
const SIRI = 'urn:altinn:person:identifier-no:25890150058';
const AUTHORIZE = /* GraphQL */ `query ($requests: [AuthorizationRequestInput!]!) { authorize(requests: $requests) { decision reasons { source area } } }`;

describeBrowser('the delegation check and powers of attorney on the access page, in Chromium', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    ({ provider, stack } = await startStackWithOidc(600));
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await provider?.close();
  }, 60_000);

  async function loggedIn(who: string, party: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const { context, page, problems } = await portalBrowser(browser, STEP_TIMEOUT);
    provider.loginAs(who);
    await page.goto(`${stack.publicUrl}/portal/access?party=${encodeURIComponent(party)}`);
    await page.waitForURL((url) => url.pathname === '/portal/access' && !url.searchParams.has('party'));
    await portalReady(page);
    return { context, page, problems };
  }

  it('KARI, for TRANA BYGG AS, checks what she may give SIRI and sees why not the rest', async () => {
    const { context, page, problems } = await loggedIn('kari', TRANA_BYGG);
    await page.locator('#delegate-form').waitFor();
    await page.getByLabel(/Fødselsnummer/).fill('25890150058');
    await page.getByRole('button', { name: 'Sjekk hva du kan gi' }).click();
    const line = (reason: string, text: string) => page.locator(`#delegate-check-result li[data-reason="${reason}"]`, { hasText: text });
    await expect
      .poll(() => line('NOT_DELEGABLE', 'Hovedadministrator').textContent(), POLL)
      .toBe('Hovedadministrator: kan ikke gis – kan ikke delegeres');
    expect(await line('NOT_HELD', 'Regnskapsfører').textContent()).toBe(
      'Regnskapsfører med signeringsrettighet: kan ikke gis – du har ikke denne rettigheten selv',
    );
    expect(await page.locator('#delegate-check-result li[data-delegable="true"]', { hasText: 'Merverdiavgift' }).textContent()).toBe(
      'Merverdiavgift: kan gis',
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('KARI, for herself, gives SIRI a power of attorney for tax with an end date, and withdraws it', async () => {
    const { context, page, problems } = await loggedIn('kari', KARI);
    await page.locator('#delegate-form').waitFor();
    expect(await page.locator('#delegate-what option').allTextContents()).toEqual([
      'Fullmakt: Helse (fullmakt)',
      'Fullmakt: NAV (fullmakt)',
      'Fullmakt: Post (fullmakt)',
      'Fullmakt: Skatt (fullmakt)',
    ]);
    await page.getByLabel(/Fødselsnummer/).fill('25890150058');
    await page.locator('#delegate-what').selectOption('area:urn:altinn:accesspackage:innbygger-skatt');
    // No end date: the page asks for one before anything is sent.
    await page.getByRole('button', { name: 'Gi rettigheten' }).click();
    await expect.poll(() => page.locator('#delegate-error').textContent(), POLL).toBe('Velg en sluttdato for fullmakten.');
    const end = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('#delegate-valid-to').fill(end);
    await page.getByRole('button', { name: 'Gi rettigheten' }).click();
    await expect.poll(() => page.locator('#access-notice').textContent(), POLL).toBe('Rettigheten er gitt: Skatt (fullmakt).');

    const siri = await stack.personToken('siri');
    const decide = async () =>
      (await stack.graphql(AUTHORIZE, { requests: [{ subject: SIRI, party: KARI, resource: 'ske-skattemelding-person', action: 'read' }] }, siri))
        .body.data.authorize[0];
    expect(await decide()).toEqual({
      decision: 'PERMIT',
      reasons: [{ source: 'POWER_OF_ATTORNEY', area: 'urn:altinn:accesspackage:innbygger-skatt' }],
    });

    await page.getByRole('button', { name: /Trekk tilbake tilgangen til SIRI REGNESEN: Skatt/ }).click();
    await expect.poll(() => page.locator('#access-notice').textContent(), POLL).toBe('Tilgangen til SIRI REGNESEN er trukket tilbake.');
    expect((await decide()).decision).toBe('DENY');
    expect(problems).toEqual([]);
    await context.close();
  });
});
