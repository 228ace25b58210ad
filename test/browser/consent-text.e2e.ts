import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { startTestStack, type TestStack } from '../support/stack';

const STEP_TIMEOUT = 45_000;
const REDIRECT = 'https://banken.example/samtykke/retur';
const HAKON = 'urn:altinn:person:identifier-no:12888510018';
const ASTRID = 'urn:altinn:person:identifier-no:28834411409';

const ACCEPT = /* GraphQL */ `mutation AcceptConsentRequest($id: ID!) { acceptConsentRequest(id: $id) { status } }`;
const CREATE = /* GraphQL */ `mutation CreateConsentRequest($input: CreateConsentRequestInput!) {
  createConsentRequest(input: $input) { id viewUrl }
}`;

/** Income from the tax administration, the student-loan balance from LÅNEKASSEN, benefits from NAV. */
const THREE_OWNERS = [
  { resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } },
  { resource: 'lanekassen-studielan-saldo' },
  { resource: 'nav-aap-uforetrygd' },
];

const count = (text: string, part: string) => text.split(part).length - 1;

describeBrowser('the consent text in Chromium: who discloses what, to whom, on whose behalf', () => {
  let stack: TestStack;
  let browser: Browser;
  let bankToken: string;
  const validTo = new Date(Date.now() + 40 * 86_400_000);
  const oslo = (locale: string, options: Intl.DateTimeFormatOptions) => validTo.toLocaleDateString(locale, { timeZone: 'Europe/Oslo', ...options });
  const dateNb = oslo('nb-NO', { day: '2-digit', month: '2-digit', year: 'numeric' });
  const dateEn = oslo('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    bankToken = await stack.token({ client: 'banken-system' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  async function ask(from: string, rights: unknown[]): Promise<{ id: string; viewUrl: string }> {
    const { body } = await stack.graphql(CREATE, { input: { from, validTo: validTo.toISOString(), rights, redirectUrl: REDIRECT } }, bankToken);
    expect(body.errors).toBeUndefined();
    return body.data.createConsentRequest;
  }

  /** A fresh browser profile, logged in on the dev login as `name`, on the request's page in Bokmål. */
  async function open(viewUrl: string, name: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await page.goto(viewUrl);
    await page.waitForURL(/\/dev\/login/);
    await page.getByRole('button', { name }).click();
    await page.waitForURL(/\/consent\/request/);
    await expect.poll(() => page.locator('#requester').textContent()).toContain('BANKEN AS');
    return page;
  }

  const mainText = async (page: Page) => (await page.locator('#main').textContent()) ?? '';

  it('names all three sources of a request for data from three owners, in Bokmål and in English', async () => {
    const page = await open((await ask(HAKON, THREE_OWNERS)).viewUrl, 'HÅKON TRANA');

    expect(await page.locator('#text').textContent()).toContain(
      'Ved å samtykke gir du SKATTEETATEN, LÅNEKASSEN og NAV rett til å utlevere opplysninger om deg til BANKEN AS.',
    );
    expect(await page.locator('#sources').textContent()).toBe('Opplysningene utleveres av SKATTEETATEN, LÅNEKASSEN og NAV.');
    expect(await page.locator('#rights li').allTextContents()).toEqual([
      'Inntekt og skattegrunnlag (Inntektsår: 2024)',
      'Saldo studielån',
      'Opplysninger om arbeidsavklaringspenger og uføretrygd',
    ]);
    expect(await page.locator('#on-behalf-of').count()).toBe(0);
    // The end date once, as Bokmål writes it.
    expect(count(await mainText(page), dateNb)).toBe(1);

    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#accept').textContent()).toBe('Yes, I consent');
    expect(await page.locator('#text').textContent()).toContain(
      'By consenting you allow SKATTEETATEN, LÅNEKASSEN and NAV to disclose information about you to BANKEN AS.',
    );
    expect(await page.locator('#sources').textContent()).toBe('The data is disclosed by SKATTEETATEN, LÅNEKASSEN and NAV.');
    expect(await page.locator('#rights li').allTextContents()).toEqual([
      'Income and tax base (Income year: 2024)',
      'Student loan balance',
      'Work assessment allowance and disability benefit',
    ]);
    const english = await mainText(page);
    expect(count(english, dateEn)).toBe(1);
    expect(english).not.toContain(dateNb);
    expect(english).not.toMatch(/Inntektsår|inntektsaar|gjelder til/);
  });

  it('tells ARIAN, ASTRID BERG’s guardian for banking, that he answers on her behalf, not about himself', async () => {
    const page = await open((await ask(ASTRID, [THREE_OWNERS[0]])).viewUrl, 'ARIAN ROLANDSEN');

    expect(await page.locator('#on-behalf-of').textContent()).toBe('Du svarer på vegne av ASTRID BERG.');
    const text = (await page.locator('#text').textContent()) ?? '';
    expect(text).toContain('BANKEN AS ønsker å hente opplysninger om ASTRID BERG i forbindelse med lånesøknad.');
    expect(text).toContain('utlevere opplysninger om ASTRID BERG til BANKEN AS');
    expect(text).not.toContain('om deg');
    expect(count(await mainText(page), dateNb)).toBe(1);

    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#on-behalf-of').textContent()).toBe('You answer on behalf of ASTRID BERG.');
    const english = (await page.locator('#text').textContent()) ?? '';
    expect(english).toContain('BANKEN AS wants to retrieve information about ASTRID BERG for a loan application.');
    expect(english).not.toContain('about you');
  });

  it('shows statuses and the consent log in the page’s language', async () => {
    const { id, viewUrl } = await ask(HAKON, [THREE_OWNERS[0]]);
    const overview = await open(viewUrl, 'HÅKON TRANA');
    const accepted = await stack.graphql(ACCEPT, { id }, await stack.personToken('hakon'));
    expect(accepted.body.errors).toBeUndefined();
    await overview.goto(`${stack.publicUrl}/consent/overview`);
    await expect.poll(() => overview.locator('#consents .status').first().textContent()).toBe('gitt');
    expect(await overview.locator('#consents').textContent()).toContain('Inntekt og skattegrunnlag (Inntektsår: 2024)');
    expect(await overview.locator('#log').textContent()).toContain('Samtykke gitt');
    await overview.locator('#lang').click();
    await expect.poll(() => overview.locator('#consents .status').first().textContent()).toBe('given');
    expect(await overview.locator('#consents').textContent()).toContain('Income and tax base (Income year: 2024)');
    expect(await overview.locator('#log').textContent()).toContain('Consent given');

    // Answered already: the request page says so with the status in words.
    await overview.goto(viewUrl);
    await expect.poll(() => overview.locator('#problem').textContent()).toBe('This request has already been answered (status: given).');
  });
});
