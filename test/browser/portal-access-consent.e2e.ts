import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { ACCEPT, CREATE, URN } from '../support/consents';
import { startStackWithOidc, type TestOidcProvider } from '../support/oidc-provider';
import { axeViolations, expectNoHorizontalScroll, portalBrowser, portalReady } from '../support/portal';
import type { TestStack } from '../support/stack';

const STEP_TIMEOUT = 45_000;
const POLL = { timeout: 20_000, interval: 100 };
const TRANA_AVD = 'urn:altinn:organization:identifier-no:310000604';
const REDIRECT = 'http://localhost:9999/callback';
const DELEGATE = /* GraphQL */ `mutation ($input: DelegateInput!) { delegate(input: $input) { id } }`;

/** Noon UTC `days` from today (the same day in Norway), and how the page writes it in Bokmål and in English. */
function inDays(days: number): { iso: string; nb: string; en: string } {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(12, 0, 0, 0);
  const [dd, mm, yyyy] = [String(d.getUTCDate()).padStart(2, '0'), String(d.getUTCMonth() + 1).padStart(2, '0'), d.getUTCFullYear()];
  return { iso: d.toISOString(), nb: `${dd}.${mm}.${yyyy}`, en: `${dd}/${mm}/${yyyy}` };
}

describeBrowser('the access page’s rights by consent (Rettigheter ved samtykke) in Chromium', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let browser: Browser;
  const first = inDays(60);
  const last = inDays(90);

  beforeAll(async () => {
    ({ provider, stack } = await startStackWithOidc(600));
    browser = await launchBrowser();
    const [banken, hakon, kari] = await Promise.all([
      stack.token({ client: 'banken-system' }),
      stack.personToken('hakon'),
      stack.personToken('kari'),
    ]);
    // BANKEN asks HÅKON twice; he accepts both.
    for (const [resources, validTo] of [
      [['ske-restanser'], first.iso],
      [['ske-restanser', 'ske-skatteattest'], last.iso],
    ] as const) {
      const rights = resources.map((resource) => ({ resource }));
      const created = await stack.graphql(CREATE, { input: { from: URN.hakon, validTo, rights, redirectUrl: REDIRECT } }, banken);
      expect(created.body.errors).toBeUndefined();
      const accepted = await stack.graphql(ACCEPT, { id: created.body.data.createConsentRequest.id }, hakon);
      expect(accepted.body.errors).toBeUndefined();
    }
    // ASTRID may act for the subunit (a delegated right) without administering it.
    const given = await stack.graphql(DELEGATE, { input: { from: TRANA_AVD, to: URN.astrid, resource: 'ske-mva-melding', actions: ['read'] } }, kari);
    expect(given.body.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await provider?.close();
  }, 60_000);

  /** A fresh phone-sized browser, logged in as `who` acting for `party`, on the access page. */
  async function loggedIn(who: string, party: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const { context, page, problems } = await portalBrowser(browser, STEP_TIMEOUT);
    provider.loginAs(who);
    await page.goto(`${stack.publicUrl}/portal/access?party=${encodeURIComponent(party)}`);
    await page.waitForURL((url) => url.pathname === '/portal/access' && !url.searchParams.has('party'));
    await portalReady(page);
    return { context, page, problems };
  }

  it('KARI, acting for BANKEN AS, reads per resource how many consents, until when and the source, in Bokmål and English; axe finds nothing', async () => {
    const { context, page, problems } = await loggedIn('kari', URN.banken);
    await page.locator('#consent-rights').waitFor();
    expect(await page.locator('#acting-for-name').textContent()).toBe('BANKEN AS');
    expect(await page.locator('#consent-rights h3').textContent()).toBe('Rettigheter ved samtykke');
    expect(await page.locator('#consent-rights li').allTextContents()).toEqual([
      `Restanser hos Skatteetaten: 2 samtykker, det første gjelder til ${first.nb}, det siste til ${last.nb} — kilde: samtykke`,
      `Skatteattest (engangs): 1 samtykke, gjelder til ${last.nb}, engangs — kilde: samtykke`,
    ]);
    // Counts and dates only: no person who consented.
    const part = (await page.locator('#consent-rights').textContent())!;
    expect(part).not.toContain('HÅKON');
    expect(part).not.toContain('12888510018');
    expect(await axeViolations(page), 'nb').toEqual([]);
    await expectNoHorizontalScroll(page, 'portal-access-consent-nb-390');

    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#consent-rights h3').textContent(), POLL).toBe('Rights by consent');
    expect(await page.locator('#consent-rights li').allTextContents()).toEqual([
      `Arrears with the Norwegian Tax Administration: 2 consents, the first valid until ${first.en}, the last until ${last.en} — source: consent`,
      `Tax certificate (one-time): 1 consent, valid until ${last.en}, one-time — source: consent`,
    ]);
    expect(await axeViolations(page), 'en').toEqual([]);
    await expectNoHorizontalScroll(page, 'portal-access-consent-en-390');
    await page.locator('#lang').click();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('leaves the part out for someone who acts for an organisation but does not administer it', async () => {
    const { context, page, problems } = await loggedIn('astrid', TRANA_AVD);
    await page.locator('#rights').waitFor();
    expect(await page.locator('#acting-for-name').textContent()).toBe('TRANA BYGG AS AVD STEINKJER');
    expect(await page.locator('#consent-rights').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says so when an administered organisation has no consents', async () => {
    const { context, page, problems } = await loggedIn('kari', URN.tranabygg);
    await page.locator('#consent-rights').waitFor();
    expect(await page.locator('#consent-rights li').count()).toBe(0);
    expect(await page.locator('#consent-rights').textContent()).toContain('Ingen gyldige samtykker gir TRANA BYGG AS rettigheter nå.');
    expect(problems).toEqual([]);
    await context.close();
  });
});
