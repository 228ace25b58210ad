import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, type JWK } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import * as oauth from 'oauth4webapi';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { pkcePair, URN } from '../support/consents';
import { startTestStack, type TestStack } from '../support/stack';

// Issue 13 points 3 and 6 together, as a person and a bank meet them: HÅKON reads in Chromium what BANKEN asks to do
// (sign one tax return form) and consents; BANKEN's system exchanges the code at /oauth/token with an OAuth client
// library and private_key_jwt; the tax administration's decision point then lets BANKEN sign that form only.

const STEP_TIMEOUT = 45_000;
const FORM = 'SM-2025-0777';
const PRIVATE_JWK = JSON.parse(readFileSync(new URL('../support/banken-system.private.jwk.json', import.meta.url), 'utf8')) as JWK;
const CLIENT: oauth.Client = { client_id: 'banken-system' };
const CREATE = /* GraphQL */ `mutation CreateConsentRequest($input: CreateConsentRequestInput!) {
  createConsentRequest(input: $input) { id viewUrl }
}`;
const AUTHORIZE = /* GraphQL */ `query Authorize($requests: [AuthorizationRequestInput!]!) { authorize(requests: $requests) { decision } }`;

describeBrowser('consent to act in Chromium, exchanged at the standard token endpoint', () => {
  let stack: TestStack;
  let browser: Browser;
  let bank: Server;
  let bankUrl: string;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    bank = createServer((_req, res) => res.end('<p id="bank">Takk fra BANKEN</p>'));
    await new Promise<void>((resolve) => bank.listen(0, 'localhost', resolve));
    bankUrl = `http://localhost:${(bank.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    bank?.close();
    await stack?.close();
  }, 60_000);

  it('HÅKON lets BANKEN sign one form; BANKEN gets its token with oauth4webapi and may sign exactly that form', async () => {
    const redirectUrl = `${bankUrl}/callback`;
    const { verifier, challenge } = pkcePair();
    const input = {
      from: URN.hakon,
      validTo: new Date(Date.now() + 86_400_000).toISOString(),
      redirectUrl,
      codeChallenge: challenge,
      rights: [{ resource: 'ske-skattemelding-signering', actions: ['sign'], metadata: { skjema: FORM } }],
    };
    const created = await stack.graphql(CREATE, { input }, await stack.token({ client: 'banken-system' }));
    expect(created.body.errors).toBeUndefined();

    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await page.goto(`${created.body.data.createConsentRequest.viewUrl}&state=s1`);
    await page.waitForURL(/\/dev\/login/);
    await page.getByRole('button', { name: 'HÅKON TRANA' }).click();
    await page.waitForURL(/\/consent\/request/);
    await expect.poll(() => page.locator('#requester').textContent()).toContain('BANKEN AS');
    expect(await page.locator('#text').textContent()).toContain(
      `BANKEN AS ber om samtykke til å signere «Skattemelding» (skjema ${FORM}) på vegne av deg.`,
    );
    expect(await page.locator('#rights li').allTextContents()).toEqual([`Skattemelding (Skjema: ${FORM}): signere`]);
    await page.locator('#lang').click();
    await expect.poll(() => page.locator('#rights li').allTextContents()).toEqual([`Tax return (Form: ${FORM}): sign`]);
    expect(await page.locator('#text').textContent()).toContain(`asks for consent to sign “Skattemelding” (form ${FORM}) on behalf of you.`);
    await page.locator('#accept').click();
    await page.waitForURL(`${bankUrl}/callback**`);

    // BANKEN's system: discovery, then the code exchange with private_key_jwt.
    const base = stack.url.replace(/\/graphql$/, '');
    const toStack: typeof fetch = (url, init) => fetch(`${base}${new URL(String(url instanceof Request ? url.url : url)).pathname}`, init);
    const options = { [oauth.allowInsecureRequests]: true, [oauth.customFetch]: toStack };
    const issuer = new URL(stack.publicUrl);
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...options }));
    const params = oauth.validateAuthResponse(as, CLIENT, new URL(page.url()), 's1');
    const clientAuth = oauth.PrivateKeyJwt({ key: (await importJWK(PRIVATE_JWK, 'ES256')) as CryptoKey, kid: PRIVATE_JWK.kid });
    const response = await oauth.authorizationCodeGrantRequest(as, CLIENT, clientAuth, params, redirectUrl, verifier, options);
    const { access_token } = await oauth.processAuthorizationCodeResponse(as, CLIENT, response);
    const details = (jsonwebtoken.decode(access_token) as jsonwebtoken.JwtPayload).authorization_details[0];
    expect(details.consentRights).toEqual([
      { action: ['sign'], resource: [{ type: 'urn:altinn:resource', value: 'ske-skattemelding-signering' }], metadata: { skjema: FORM } },
    ]);

    // The tax administration asks its decision point before it lets BANKEN sign.
    const ask = (action: string, instance: string) => ({
      subject: URN.banken,
      party: URN.hakon,
      resource: 'ske-skattemelding-signering',
      action,
      instance,
    });
    const { body } = await stack.graphql(
      AUTHORIZE,
      { requests: [ask('sign', FORM), ask('submit', FORM), ask('sign', 'SM-2025-0778')] },
      await stack.token({ client: 'skatteetaten-system' }),
    );
    expect(body.data.authorize.map((d: { decision: string }) => d.decision)).toEqual(['PERMIT', 'DENY', 'DENY']);
  });
});
