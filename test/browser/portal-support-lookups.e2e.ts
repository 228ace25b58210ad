import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dayAndTime } from '../../router/src/pages/portal/support-lookups/day-and-time';
import { describeBrowser, launchBrowser } from '../support/browser';
import { URN } from '../support/consents';
import { contractOperation } from '../support/contract';
import { startStackWithOidc, type TestOidcProvider } from '../support/oidc-provider';
import { axeViolations, expectNoHorizontalScroll, portalBrowser, portalReady } from '../support/portal';
import type { TestStack } from '../support/stack';

const STEP_TIMEOUT = 45_000;
const POLL = { timeout: 20_000, interval: 100 };
const LOOKUP = contractOperation('SupportLookup');

describeBrowser('the support lookups page (Oppslag fra Altinn brukerservice) in Chromium', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let browser: Browser;
  let hakonAt: string;
  let tranaAt: string;

  beforeAll(async () => {
    ({ provider, stack } = await startStackWithOidc(600));
    browser = await launchBrowser();
    const support = await stack.token({ client: 'altinn-brukerservice' });
    const hakon = await stack.graphql(LOOKUP, { party: URN.hakon, caseNumber: '2026-1234', reason: 'Finner ikke fullmakten' }, support);
    expect(hakon.body.errors).toBeUndefined();
    hakonAt = hakon.body.data.supportLookup.at;
    const trana = await stack.graphql(LOOKUP, { party: URN.tranabygg, caseNumber: '2026-0042' }, support);
    expect(trana.body.errors).toBeUndefined();
    tranaAt = trana.body.data.supportLookup.at;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await provider?.close();
  }, 60_000);

  /** A fresh phone-sized browser, logged in as `who` acting for `party`, on the support lookups page. */
  async function loggedIn(who: string, party: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const { context, page, problems } = await portalBrowser(browser, STEP_TIMEOUT);
    provider.loginAs(who);
    await page.goto(`${stack.publicUrl}/portal/support-lookups?party=${encodeURIComponent(party)}`);
    await page.waitForURL((url) => url.pathname === '/portal/support-lookups' && !url.searchParams.has('party'));
    await portalReady(page);
    return { context, page, problems };
  }

  it('HÅKON reads that Altinn brukerservice saw his access, when and under which case, in Bokmål and English; axe finds nothing', async () => {
    const { context, page, problems } = await loggedIn('hakon', URN.hakon);
    await page.locator('#support-lookups').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Oppslag fra Altinn brukerservice');
    const line = page.locator('#support-lookups li');
    expect(await line.allTextContents()).toEqual([
      `Altinn brukerservice så dine tilganger ${dayAndTime(hakonAt, 'nb')}, sak 2026-1234Begrunnelse: Finner ikke fullmakten`,
    ]);
    expect(await line.locator('.sentence').textContent()).toMatch(/^Altinn brukerservice så dine tilganger \d\d\.\d\d kl \d\d:\d\d, sak 2026-1234$/);
    expect(await line.locator('time').getAttribute('datetime')).toBe(hakonAt);
    expect(await axeViolations(page), 'nb').toEqual([]);
    await expectNoHorizontalScroll(page, 'portal-support-lookups-nb-390');

    await page.locator('#lang').click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Lookups by Altinn user support');
    expect(await line.locator('.sentence').textContent()).toBe(`Altinn user support saw your access ${dayAndTime(hakonAt, 'en')}, case 2026-1234`);
    expect(await axeViolations(page), 'en').toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('KARI sees no lookup of her own, and, acting for TRANA BYGG AS which she runs, the lookup of the company', async () => {
    const own = await loggedIn('kari', URN.kari);
    expect(await own.page.locator('#no-support-lookups').textContent()).toBe('Altinn brukerservice har ikke sett på tilgangene ennå.');
    await own.context.close();

    const { context, page, problems } = await loggedIn('kari', URN.tranabygg);
    await page.locator('#support-lookups').waitFor();
    expect(await page.locator('#support-lookups li').allTextContents()).toEqual([
      `Altinn brukerservice så tilgangene til TRANA BYGG AS ${dayAndTime(tranaAt, 'nb')}, sak 2026-0042`,
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
