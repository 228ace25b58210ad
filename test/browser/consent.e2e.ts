import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jsonwebtoken from 'jsonwebtoken';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { startTestStack, type TestStack } from '../support/stack';
import { contractOperation } from '../support/contract';

const STEP_TIMEOUT = 45_000;

const CREATE = /* GraphQL */ `mutation CreateConsentRequest($input: CreateConsentRequestInput!) {
  createConsentRequest(input: $input) { id status viewUrl }
}`;
const ISSUE = contractOperation('IssueConsentToken');

describeBrowser('the consent pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let bank: Server;
  let bankUrl: string;
  const callbacks: URL[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    // The bank's own callback page: records where the hub sent the person.
    bank = createServer((req, res) => {
      callbacks.push(new URL(req.url!, bankUrl));
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<p id="bank">Takk fra BANKEN</p>');
    });
    await new Promise<void>((resolve) => bank.listen(0, 'localhost', resolve));
    // banken-system registered http://localhost:9999/callback; a loopback redirect may use any port (RFC 8252 §7.3).
    bankUrl = `http://localhost:${(bank.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    bank?.close();
    await stack?.close();
  }, 60_000);

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    return page;
  }

  async function login(page: Page, name: string) {
    await page.getByRole('button', { name }).click();
  }

  it('HÅKON TRANA reads BANKEN AS’s request in Norwegian and English, accepts it, and BANKEN gets a verifiable token', async () => {
    const bankToken = await stack.token({ client: 'banken-system' });
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUrl = `${bankUrl}/callback`;
    const created = await stack.graphql(
      CREATE,
      {
        input: {
          from: 'urn:altinn:person:identifier-no:12888510018',
          validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
          redirectUrl,
          requestMessage: 'Vi trenger dette for å behandle lånesøknaden din.',
          codeChallenge: challenge,
        },
      },
      bankToken,
    );
    expect(created.body.errors).toBeUndefined();
    const { id, viewUrl } = created.body.data.createConsentRequest;

    const page = await newPage();
    await page.goto(`${viewUrl}&state=abc123`);
    await page.waitForURL(/\/dev\/login/);
    await login(page, 'HÅKON TRANA');
    await page.waitForURL(/\/consent\/request/);

    await expect.poll(() => page.locator('#requester').textContent()).toContain('BANKEN AS');
    const text = await page.locator('#text').textContent();
    expect(text).toContain('BANKEN AS ønsker å hente opplysninger om deg i forbindelse med lånesøknad');
    expect(text).not.toMatch(/\{(CoveredBy|OfferedBy|HandledBy|Expiration|Subject|Sources)\}/);
    expect(await page.locator('#rights').textContent()).toContain('Inntekt og skattegrunnlag (Inntektsår: 2024)');
    expect(await page.locator('#message').textContent()).toContain('lånesøknaden');
    expect(await page.locator('#accept').textContent()).toBe('Ja, jeg gir samtykke');
    expect(await page.locator('#reject').textContent()).toBe('Nei, jeg gir ikke samtykke');

    await page.locator('#lang').click();
    expect(await page.locator('#text').textContent()).toContain('BANKEN AS wants to retrieve information about you for a loan application');
    expect(await page.locator('#accept').textContent()).toBe('Yes, I consent');
    await page.locator('#lang').click();

    await page.locator('#accept').click();
    await page.waitForURL(`${bankUrl}/callback**`);
    // Where the browser landed (the bank's server also sees a favicon request, so not its last request).
    const callback = new URL(page.url());
    expect(callbacks.some((c) => c.pathname === '/callback' && c.search === callback.search)).toBe(true);
    expect(callback.searchParams.get('status')).toBe('ACCEPTED');
    expect(callback.searchParams.get('state')).toBe('abc123');
    const code = callback.searchParams.get('code')!;
    expect(code.length).toBeGreaterThanOrEqual(22);

    const issued = await stack.graphql(ISSUE, { input: { code, redirectUrl, codeVerifier: verifier } }, bankToken);
    expect(issued.body.errors).toBeUndefined();
    const { accessToken } = issued.body.data.issueConsentToken;

    // Verified as the tax administration would: the hub's JWKS, and a JWT library other than the signer's.
    const jwks = (await (await fetch(`${stack.publicUrl}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    const { header } = jsonwebtoken.decode(accessToken, { complete: true })!;
    const jwk = jwks.keys.find((k) => k.kid === header.kid)!;
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    const claims = jsonwebtoken.verify(accessToken, createPublicKey({ key: jwk as never, format: 'jwk' }), {
      algorithms: ['ES256'],
      issuer: stack.publicUrl,
      audience: 'urn:altinn:organization:identifier-no:310000701',
    }) as Record<string, any>;
    expect(claims.sub).toBe('urn:altinn:person:identifier-no:12888510018');
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(300);
    expect(claims.authorization_details).toEqual([
      expect.objectContaining({
        type: 'urn:altinn:consent',
        id,
        from: 'urn:altinn:person:identifier-no:12888510018',
        to: 'urn:altinn:organization:identifier-no:310000108',
        consentRights: [
          {
            action: ['consent'],
            resource: [{ type: 'urn:altinn:resource', value: 'ske-inntekt-skattegrunnlag' }],
            metadata: { inntektsaar: '2024' },
          },
        ],
      }),
    ]);

    // Answered already: a clear page, no buttons.
    await page.goto(viewUrl);
    await expect.poll(() => page.locator('#problem').textContent()).toContain('allerede besvart');
    expect(await page.locator('#accept').count()).toBe(0);

    // The overview lists it, and withdrawing it is one click.
    await page.goto(`${stack.publicUrl}/consent/overview`);
    const item = page.locator(`[data-consent="${id}"]`);
    await expect.poll(() => item.locator('.status').getAttribute('data-status')).toBe('ACCEPTED');
    expect(await item.locator('.status').textContent()).toBe('gitt');
    page.once('dialog', (d) => d.accept());
    await item.getByRole('button', { name: 'Se/trekk samtykke' }).click();
    await expect.poll(() => item.locator('.status').getAttribute('data-status')).toBe('REVOKED');
    expect(await page.locator('#log').textContent()).toContain('Samtykke trukket tilbake');
    const afterRevoke = await stack.graphql(ISSUE, { input: { consentId: id } }, bankToken);
    expect(afterRevoke.body.data?.issueConsentToken ?? null).toBeNull();
  }, 120_000);

  it('says so clearly when the request is unknown, and when the person may not answer', async () => {
    const page = await newPage();
    await page.goto(`${stack.publicUrl}/dev/login`);
    await login(page, 'SIRI REGNESEN');
    // The token is fetched and stored by the page's script: wait for it before leaving the page.
    await page.locator('#result').waitFor({ state: 'visible' });
    await page.goto(`${stack.publicUrl}/consent/request?id=00000000-0000-4000-8000-000000000000`);
    await expect.poll(() => page.locator('#problem').textContent()).toContain('Fant ingen slik forespørsel');

    const created = await stack.graphql(
      CREATE,
      {
        input: {
          from: 'urn:altinn:organization:identifier-no:310000507',
          validTo: new Date(Date.now() + 86_400_000).toISOString(),
          rights: [{ resource: 'ske-restanser' }],
          redirectUrl: `${bankUrl}/callback`,
        },
      },
      await stack.token({ client: 'banken-system' }),
    );
    await page.goto(created.body.data.createConsentRequest.viewUrl);
    // SIRI may not even see TRANA BYGG AS's request.
    await expect.poll(() => page.locator('#problem').textContent()).toContain('Fant ingen slik forespørsel');

    const badId = await page.goto(`${stack.publicUrl}/consent/request?id=not-a-uuid`);
    expect(badId!.status()).toBe(400);
  }, 120_000);
});
