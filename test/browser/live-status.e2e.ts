import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { CREATE, URN, errorOf, inSeconds } from '../support/consents';
import { CONSENT_REQUEST_STATUS, SseSubscription, type StatusEvent } from '../support/sse';
import { startTestStack, type TestStack } from '../support/stack';

const STEP_TIMEOUT = 45_000;

// The bank's waiting page (issue 12 point 4): while the person answers in the browser, the bank watches the request's
// status through the router's subscription (Server-Sent Events, read with fetch as its page or server would).
describeBrowser('the live status of a consent request while the person answers in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let bank: Server;
  let bankUrl: string;
  const open: SseSubscription<StatusEvent>[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    bank = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<p id="bank">Takk fra BANKEN</p>');
    });
    await new Promise<void>((resolve) => bank.listen(0, 'localhost', resolve));
    bankUrl = `http://localhost:${(bank.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    for (const s of open) s.close();
    await browser?.close();
    bank?.close();
    await stack?.close();
  }, 60_000);

  it('BANKEN sees ACCEPTED arrive on its subscription when HÅKON TRANA accepts on the consent page; another bank is refused', async () => {
    const bankToken = await stack.token({ client: 'banken-system' });
    const created = await stack.graphql(
      CREATE,
      {
        input: {
          from: URN.hakon,
          validTo: inSeconds(30 * 86_400),
          rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
          redirectUrl: `${bankUrl}/callback`,
          requestMessage: 'Vi trenger dette for å behandle lånesøknaden din.',
        },
      },
      bankToken,
    );
    expect(created.body.errors).toBeUndefined();
    const { id, viewUrl } = created.body.data.createConsentRequest as { id: string; viewUrl: string };

    // The waiting page subscribes before sending the person off, and sees the request as it is now.
    const watching = await SseSubscription.open<StatusEvent>(stack.url, CONSENT_REQUEST_STATUS, { id }, bankToken);
    open.push(watching);
    expect(watching.contentType).toContain('text/event-stream');
    expect((await watching.nth(1)).data!.consentRequestStatus).toMatchObject({ id, status: 'CREATED' });

    // Another bank may not watch it.
    const otherBank = await SseSubscription.open<StatusEvent>(
      stack.url,
      CONSENT_REQUEST_STATUS,
      { id },
      await stack.token({ client: 'finansiering-system' }),
    );
    open.push(otherBank);
    const refusal = await otherBank.nth(1);
    expect(errorOf(refusal)?.code).toBe('NOT_FOUND');
    expect(refusal.data?.consentRequestStatus).toBeFalsy();

    // The person answers in the browser.
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await page.goto(`${viewUrl}&state=waiting`);
    await page.waitForURL(/\/dev\/login/);
    await page.getByRole('button', { name: 'HÅKON TRANA' }).click();
    await page.waitForURL(/\/consent\/request/);
    await expect.poll(() => page.locator('#requester').textContent()).toContain('BANKEN AS');
    const clickedAt = Date.now();
    await page.locator('#accept').click();

    // The status arrives on the bank's stream, independently of the redirect.
    const accepted = await watching.nth(2, 20_000);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.consentRequestStatus).toMatchObject({ id, status: 'ACCEPTED' });
    expect(Date.parse(accepted.data!.consentRequestStatus.at)).toBeGreaterThanOrEqual(clickedAt - 5_000);
    await page.waitForURL(`${bankUrl}/callback**`);
    expect(new URL(page.url()).searchParams.get('status')).toBe('ACCEPTED');
    // The refused bank learnt nothing more.
    expect(otherBank.received).toHaveLength(1);
    await context.close();
  }, 120_000);
});
