import jsonwebtoken from 'jsonwebtoken';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { ACCEPT, CREATE, inSeconds, ISSUE, REPORT_USE, storyTokens, URN } from '../support/consents';
import { startStackWithOidc, type TestOidcProvider } from '../support/oidc-provider';
import { chooseParty, expectAccessible, expectKeyboardReachable, expectNoHorizontalScroll, portalBrowser, portalReady } from '../support/portal';
import type { TestStack } from '../support/stack';

const REDIRECT = 'https://banken.example/samtykke/retur';
/** A raw status or event code must never reach the page. */
const RAW_CODES = /\b(ACCEPTED|USED|TOKEN_ISSUED|REVOKED|EXPIRED|CREATED|REJECTED)\b/;
const oslo = (iso: string) =>
  new Date(iso).toLocaleDateString('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' });
const osloEn = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' });

describeBrowser('the portal’s consent pages in Chromium', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let browser: Browser;
  let t: Awaited<ReturnType<typeof storyTokens>>;
  let emmaConsent: string;
  let emmaWithdrawn: string;
  let trana: string;
  let loanConsent: string;
  const validTo = inSeconds(200 * 86_400);

  /** A consent BANKEN AS asked of `from`, accepted by `by`. */
  async function consent(from: string, by: string, rights: Record<string, unknown>[] = [{ resource: 'ske-restanser' }], message?: string) {
    const created = await stack.graphql(
      CREATE,
      { input: { from, validTo, redirectUrl: REDIRECT, rights, ...(message ? { requestMessage: message } : {}) } },
      t.banken,
    );
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data.createConsentRequest.id as string;
    const accepted = await stack.graphql(ACCEPT, { id }, by);
    expect(accepted.body.errors).toBeUndefined();
    return id;
  }

  beforeAll(async () => {
    ({ provider, stack } = await startStackWithOidc(1800));
    browser = await launchBrowser();
    t = await storyTokens(stack);
    // HÅKON gives consents for EMMA (he has parental responsibility); KARI for TRANA BYGG AS (its general manager).
    const digilaer = [{ resource: 'digilaer-personopplysninger' }];
    emmaConsent = await consent(URN.emma, t.hakon, digilaer, 'Vi trenger dette for å gi EMMA tilgang til Digilær.no.');
    emmaWithdrawn = await consent(URN.emma, t.hakon, digilaer);
    trana = await consent(URN.tranabygg, t.kari);
    // A one-time consent of HÅKON's that BANKEN AS uses: the log says so, and that it ended.
    loanConsent = await consent(URN.hakon, t.hakon, [{ resource: 'lanekassen-studielan-saldo' }]);
    const issued = await stack.graphql(ISSUE, { input: { consentId: loanConsent } }, t.banken);
    expect(issued.body.errors).toBeUndefined();
    const { jti } = jsonwebtoken.decode(issued.body.data.issueConsentToken.accessToken) as { jti: string };
    const used = await stack.graphql(REPORT_USE, { consentId: loanConsent, jti }, t.lanekassen);
    expect(used.body.data.reportConsentUse.status).toBe('USED');
    // Enough more of HÅKON's consents for his log to need a second page (20 a page).
    for (let i = 0; i < 10; i++) await consent(URN.hakon, t.hakon);
    // BANKEN AS looks up TRANA BYGG AS's bankruptcy status: a retrieval about it.
    const open = await stack.graphql(
      `query($s: String!) { openEvidence(subject: $s, code: "KonkursStatus") { status } }`,
      { s: URN.tranabygg },
      t.banken,
    );
    expect(open.body.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await provider?.close();
  }, 60_000);

  async function loginActingFor(person: string, party: string, path = '/portal/consents'): Promise<Awaited<ReturnType<typeof portalBrowser>>> {
    const session = await portalBrowser(browser);
    provider.loginAs(person);
    await session.page.goto(`${stack.publicUrl}${path}`);
    await chooseParty(session.page, party);
    expect(new URL(session.page.url()).pathname).toBe(path);
    return session;
  }

  const main = (page: Page) => page.locator('main').innerText();

  it('HÅKON acts for EMMA and sees the consent he gave for her, in words; "Se" shows who, what, from where, why, until when and every use', async () => {
    const { context, page, problems } = await loginActingFor('hakon', 'EMMA TRANA');
    const item = page.locator(`[data-consent="${emmaConsent}"]`);
    await item.waitFor();
    expect(await page.locator('#acting-for-name').textContent()).toBe('EMMA TRANA');
    expect(await item.locator('h2').textContent()).toBe('BANKEN AS');
    expect(await item.innerText()).toContain('Behandle personopplysninger på Digilær.no');
    expect(await item.locator('.status').textContent()).toBe('Gjelder');
    expect(await item.innerText()).toContain(oslo(validTo));
    expect(await main(page)).not.toMatch(RAW_CODES);
    // HÅKON's own consents are not EMMA's.
    expect(await page.locator(`[data-consent="${loanConsent}"]`).count()).toBe(0);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page, 'portal-consents-emma');
    await expectKeyboardReachable(page, `[data-withdraw="${emmaConsent}"]`);

    await item.getByRole('link', { name: 'Se samtykke til BANKEN AS' }).click();
    await page.waitForURL((url) => url.pathname === `/portal/consents/${emmaConsent}`);
    await portalReady(page);
    const detail = await main(page);
    expect(detail).toContain('BANKEN AS');
    expect(detail).toContain('EMMA TRANA');
    expect(detail).toMatch(/Gitt av\s+HÅKON TRANA/);
    expect(await page.locator('#consent-sources').textContent()).toBe('DIGITALISERINGSDIREKTORATET');
    expect(detail).toContain('Vi trenger dette for å gi EMMA tilgang til Digilær.no.');
    expect(await page.locator('#consent-why').textContent()).toContain('BANKEN AS');
    expect(detail).toContain(oslo(validTo));
    expect(await page.locator('#consent-events li').allInnerTexts()).toEqual([
      expect.stringContaining('BANKEN AS ba om samtykke fra EMMA TRANA'),
      expect.stringContaining(`BANKEN AS fikk samtykke fra EMMA TRANA (opphører ${oslo(validTo)})`),
    ]);
    expect(detail).not.toMatch(RAW_CODES);
    expect(await page.locator('nav.portal-nav a[aria-current="page"]').textContent()).toBe('Samtykker');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page, 'portal-consent-detail');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('HÅKON withdraws a consent for EMMA on the page; its button names it, and the log then says it was withdrawn', async () => {
    const { context, page, problems } = await loginActingFor('hakon', 'EMMA TRANA');
    const item = page.locator(`[data-consent="${emmaWithdrawn}"]`);
    await item.waitFor();
    // The withdraw button's accessible name says which consent it withdraws.
    expect(await item.getByRole('button', { name: 'Trekk samtykke til BANKEN AS' }).count()).toBe(1);
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    // By keyboard: Tab to the button (its focus visible), then Enter.
    await expectKeyboardReachable(page, `[data-withdraw="${emmaWithdrawn}"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => item.locator('.status').textContent(), { timeout: 10_000 }).toBe('Trukket tilbake');
    expect(asked).toBe('Vil du trekke samtykket til BANKEN AS?');
    expect(await page.locator('#notice').textContent()).toBe('Samtykket er trukket tilbake.');
    expect(await item.getByRole('button').count()).toBe(0);
    // The other consent still stands.
    expect(await page.locator(`[data-consent="${emmaConsent}"] .status`).textContent()).toBe('Gjelder');
    const state = await stack.graphql(`query($id: ID!) { consentRequest(id: $id) { status } }`, { id: emmaWithdrawn }, t.hakon);
    expect(state.body.data.consentRequest.status).toBe('REVOKED');

    await page.getByRole('link', { name: 'Samtykkelogg' }).click();
    await page.waitForURL((url) => url.pathname === '/portal/consent-log');
    await portalReady(page);
    expect(await page.locator(`#log li[data-consent="${emmaWithdrawn}"] .sentence`).first().textContent()).toBe(
      'Samtykket til BANKEN AS fra EMMA TRANA er trukket tilbake',
    );
    await expectAccessible(page);
    await expectNoHorizontalScroll(page, 'portal-consent-log-emma');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('KARI acts for TRANA BYGG AS: she sees the consent given for it, and who fetched data about it', async () => {
    const { context, page, problems } = await loginActingFor('kari', 'TRANA BYGG AS');
    const item = page.locator(`[data-consent="${trana}"]`);
    await item.waitFor();
    expect(await item.locator('h2').textContent()).toBe('BANKEN AS');
    expect(await item.innerText()).toMatch(/Gitt av\s+KARI NORDMANN/);
    expect(await main(page)).not.toMatch(RAW_CODES);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Hvem har hentet data' }).click();
    await page.waitForURL((url) => url.pathname === '/portal/retrievals');
    await portalReady(page);
    expect(await page.locator('#retrievals li .sentence').allTextContents()).toContain('BANKEN AS hentet konkursstatus');
    expect(await page.locator('#retrievals').innerText()).toContain('Utlevert');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page, 'portal-retrievals-trana');

    await page.getByRole('link', { name: 'Oversikt' }).click();
    await page.waitForURL((url) => url.pathname === '/portal/');
    await portalReady(page);
    expect(await page.locator('#panel-consents').innerText()).toContain('1 aktive samtykker');
    expect(await page.locator('#panel-retrievals').innerText()).toContain('BANKEN AS');
    // KARI administers TRANA BYGG AS: the overview counts who else has rights there.
    expect(await page.locator('#panel-others').innerText()).toMatch(/\d+ personer og virksomheter har rettigheter/);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('the consent log reads in sentences, in Norwegian and in English, a page at a time', async () => {
    const { context, page, problems } = await loginActingFor('hakon', 'HÅKON TRANA', '/portal/consent-log');
    await page.locator('#log').waitFor();
    const sentences = () => page.locator('#log li').allInnerTexts();
    const nb = (await sentences()).join('\n');
    // The newest events are the last ten consents; the used one-time consent is on the next page.
    expect(nb).toContain(`BANKEN AS fikk samtykke fra HÅKON TRANA (opphører ${oslo(validTo)})`);
    expect(await page.locator('#log li').count()).toBe(20);
    expect(nb).not.toMatch(RAW_CODES);
    await page.getByRole('link', { name: 'Eldre hendelser' }).click();
    await page.waitForURL((url) => url.searchParams.has('after'));
    await portalReady(page);
    const older = (await sentences()).join('\n');
    expect(older).toContain('BANKEN AS har hentet data om HÅKON TRANA');
    expect(older).toContain('Engangssamtykke er nå opphørt');
    expect(older).toContain('Kilde: LÅNEKASSEN');
    expect(older).not.toMatch(RAW_CODES);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page, 'portal-consent-log-older');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Consent log');
    const en = (await sentences()).join('\n');
    expect(en).toContain('BANKEN AS has fetched data about HÅKON TRANA');
    expect(en).toContain('The one-time consent has now ended');
    expect(en).toContain(`BANKEN AS was given consent by HÅKON TRANA (ends ${osloEn(validTo)})`);
    expect(en).not.toMatch(RAW_CODES);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Back to the newest events' }).click();
    await page.waitForURL((url) => !url.searchParams.has('after'));
    await portalReady(page);
    expect(await page.locator('#log li').count()).toBe(20);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
