import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser } from '../support/browser';
import { startStackWithOidc, type TestOidcProvider } from '../support/oidc-provider';
import { axeViolations, expectKeyboardReachable, expectNoHorizontalScroll, portalBrowser, portalReady } from '../support/portal';
import type { TestStack } from '../support/stack';

const STEP_TIMEOUT = 45_000;
/** How long a poll waits for the page to show an action's outcome (a mutation, then the page's query again). */
const POLL = { timeout: 20_000, interval: 100 };
const TRANA_BYGG = 'urn:altinn:organization:identifier-no:310000507';
const SIRI = 'urn:altinn:person:identifier-no:25890150058';
const KARI = 'urn:altinn:person:identifier-no:17857210042';
const TRANA_AVD = 'urn:altinn:organization:identifier-no:310000604';
const ASTRID = 'urn:altinn:person:identifier-no:28834411409';
const SKATTEGRUNNLAG = 'urn:altinn:accesspackage:skattegrunnlag';

const DELEGATE = /* GraphQL */ `mutation ($input: DelegateInput!) { delegate(input: $input) { id } }`;
const GIVEN = /* GraphQL */ `query ($party: String!) {
  party(urn: $party) { delegationsGiven { id actions to { name } resource { id } package { urn } } }
}`;
const REQUEST_ACCESS = /* GraphQL */ `mutation ($input: RequestAccessInput!) { requestAccess(input: $input) { id status } }`;
const SIRIS_REQUESTS = /* GraphQL */ `{ me { accessRequestsSent { id status delegation { id revokedAt package { urn } from { name } } } } }`;
const DELEGABLE = /* GraphQL */ `query ($party: String!) { party(urn: $party) { delegableRights { packages { urn } } } }`;

describeBrowser('the access pages (Tilganger, Andre med rettigheter) in Chromium, logged in at a real OIDC provider', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let browser: Browser;
  let kariToken: string;
  let siriToken: string;

  beforeAll(async () => {
    ({ provider, stack } = await startStackWithOidc(600));
    browser = await launchBrowser();
    [kariToken, siriToken] = await Promise.all([stack.personToken('kari'), stack.personToken('siri')]);
    // A right on the subunit, for the overview to show the subunit too.
    const given = await stack.graphql(
      DELEGATE,
      { input: { from: TRANA_AVD, to: ASTRID, resource: 'ske-mva-melding', actions: ['read'] } },
      kariToken,
    );
    expect(given.body.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await provider?.close();
  }, 60_000);

  /**
   * A fresh browser at 390 px (a phone), logged in as `who` at the provider on its first page, acting for `party`
   * (kept in the login session from then on); records page errors, CSP reports and failed responses.
   */
  async function loggedIn(who: string, path: string, party: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const { context, page, problems } = await portalBrowser(browser, STEP_TIMEOUT);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    provider.loginAs(who);
    await page.goto(`${stack.publicUrl}${path}?party=${encodeURIComponent(party)}`);
    await page.waitForURL((url) => url.pathname === path && !url.searchParams.has('party'));
    await portalReady(page);
    return { context, page, problems };
  }

  it('KARI, acting for TRANA BYGG AS, sees who holds what for it and its subunit, and downloads it as CSV', async () => {
    const { context, page, problems } = await loggedIn('kari', '/portal/others', TRANA_BYGG);
    await page.locator('#holders').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Andre med rettigheter');
    const holders = await page.locator('#holders h2.holder').allTextContents();
    expect(holders).toEqual(
      expect.arrayContaining(['KARI NORDMANN', 'HÅKON TRANA', 'HALTDALEN OG SELVÆR REGNSKAP', 'BIRTAVARRE OG BEGNADALEN REVISJON', 'ASTRID BERG']),
    );
    const kari = page.locator('#holders > li', { has: page.locator('h2', { hasText: 'KARI NORDMANN' }) });
    expect(await kari.textContent()).toContain('For TRANA BYGG AS: Daglig leder');
    expect(await kari.textContent()).toContain('Hvorfor: Rolle');
    const astrid = page.locator('#holders > li', { has: page.locator('h2', { hasText: 'ASTRID BERG' }) });
    expect(await astrid.textContent()).toContain('For TRANA BYGG AS AVD STEINKJER: Mva-melding (lese)');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#others-csv').click()]);
    expect(download.suggestedFilename()).toBe('andre-med-rettigheter-310000507.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('holder_urn,holder_name,party_urn,source,via,resource,package,actions');
    expect(lines).toContain(
      `urn:altinn:person:identifier-no:17857210042,KARI NORDMANN,${TRANA_BYGG},ROLE,urn:altinn:external-role:ccr:daglig-leder,,,`,
    );
    // A person she may not act for is named by the uuid URN, not by the national identity number.
    const astridLine = new RegExp(`^urn:altinn:party:uuid:[0-9a-f-]{36},ASTRID BERG,${TRANA_AVD},DELEGATION,[0-9a-f-]{36},ske-mva-melding,,read$`);
    expect(lines.filter((l) => astridLine.test(l))).toHaveLength(1);
    expect(csv).not.toContain('28834411409');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses the overview and its CSV to someone who acts for the organisation but does not administer it', async () => {
    // ASTRID may act for the subunit (a delegated right), but does not administer it.
    const { context, page, problems } = await loggedIn('astrid', '/portal/others', TRANA_AVD);
    await expect
      .poll(() => page.locator('#others-problem').textContent(), POLL)
      .toBe('Bare administratorer for TRANA BYGG AS AVD STEINKJER kan se hvem som har rettigheter.');
    expect(await page.locator('#others-csv').count()).toBe(0);
    const res = await context.request.get(`${stack.publicUrl}/portal/others.csv`);
    expect(res.status()).toBe(403);
    // Without a login session the download goes to the login, never to an anonymous answer.
    const anonymous = await fetch(`${stack.publicUrl}/portal/others.csv`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/auth/login?next=%2Fportal%2Fothers');
    expect(await res.text()).not.toContain('KARI');
    // Her access page leaves out what only administrators see, and offers her nothing to give.
    await page.goto(`${stack.publicUrl}/portal/access`);
    await portalReady(page);
    expect(await page.locator('#rights, #requests-sent').count()).toBe(2);
    expect(await page.locator('#given, #delegate, #requests-received').count()).toBe(0);
    // The graph refuses what may be delegated to those who do not administer the party.
    const delegable = await stack.graphql(DELEGABLE, { party: TRANA_BYGG }, siriToken);
    expect(delegable.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('KARI gives SIRI a right for TRANA BYGG AS, offered only what she may give, and revokes it by its named button', async () => {
    const { context, page, problems } = await loggedIn('kari', '/portal/access', TRANA_BYGG);
    await page.locator('#delegate-form').waitFor();
    expect(await page.locator('#acting-for-name').textContent()).toBe('TRANA BYGG AS');
    // Offered: the packages her role gives her and the service's actions; never the main-administrator package.
    const offered = await page.locator('#delegate-what option').allTextContents();
    expect(offered).toEqual(['Tilgangspakke: Merverdiavgift', 'Tilgangspakke: Skattegrunnlag', 'Mva-melding']);

    await page.getByLabel(/Fødselsnummer/).fill('25890150058');
    await page.locator('#delegate-what').selectOption('resource:ske-mva-melding');
    await page.getByRole('checkbox', { name: 'skrive' }).uncheck();
    await page.getByRole('checkbox', { name: 'signere' }).uncheck();
    await page.getByRole('button', { name: 'Gi rettigheten' }).click();
    await expect.poll(() => page.locator('#access-notice').textContent(), POLL).toBe('Rettigheten er gitt: Mva-melding (lese).');

    const given = async () =>
      (
        (await stack.graphql(GIVEN, { party: TRANA_BYGG }, kariToken)).body.data.party.delegationsGiven as {
          to: { name: string };
          resource: { id: string } | null;
          actions: string[];
        }[]
      ).filter((d) => d.to.name === 'SIRI REGNESEN');
    expect(await given()).toEqual([expect.objectContaining({ resource: { id: 'ske-mva-melding' }, actions: ['read'] })]);

    const revoke = page.getByRole('button', { name: 'Trekk tilbake tilgangen til SIRI REGNESEN: Mva-melding (lese)' });
    await revoke.waitFor();
    // The action is in reach of the keyboard, with a visible focus ring.
    await expectKeyboardReachable(page, 'button[aria-label^="Trekk tilbake tilgangen til SIRI REGNESEN"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#access-notice').textContent(), POLL).toBe('Tilgangen til SIRI REGNESEN er trukket tilbake.');
    expect(await given()).toEqual([]);
    expect(await revoke.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('SIRI asks TRANA BYGG AS for access; KARI approves it on the page, and SIRI then holds the package', async () => {
    const asked = await stack.graphql(
      REQUEST_ACCESS,
      { input: { from: TRANA_BYGG, package: SKATTEGRUNNLAG, message: 'Jeg trenger skattegrunnlaget for årsoppgjøret.' } },
      siriToken,
    );
    expect(asked.body.errors).toBeUndefined();
    const requestId = asked.body.data.requestAccess.id as string;

    // SIRI sees her request waiting, with a button that says what it withdraws.
    const siri = await loggedIn('siri', '/portal/access', SIRI);
    await siri.page.locator(`#requests-sent [data-request="${requestId}"]`).waitFor();
    expect(await siri.page.locator(`#requests-sent [data-request="${requestId}"] .status`).textContent()).toBe('venter på svar');
    expect(await siri.page.getByRole('button', { name: 'Trekk forespørselen til TRANA BYGG AS om Skattegrunnlag' }).count()).toBe(1);
    await siri.context.close();

    const { context, page, problems } = await loggedIn('kari', '/portal/access', TRANA_BYGG);
    const item = page.locator(`#requests-received [data-request="${requestId}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('SIRI REGNESEN ber om Skattegrunnlag');
    expect(await item.textContent()).toContain('Jeg trenger skattegrunnlaget for årsoppgjøret.');
    // Approving is in reach of the keyboard, with a visible focus ring.
    await expectKeyboardReachable(page, 'button[aria-label="Godkjenn forespørselen fra SIRI REGNESEN om Skattegrunnlag"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#access-notice').textContent(), POLL).toBe('Forespørselen fra SIRI REGNESEN er godkjent.');
    expect(await item.count()).toBe(0);

    const sent = (await stack.graphql(SIRIS_REQUESTS, {}, siriToken)).body.data.me.accessRequestsSent as {
      id: string;
      status: string;
      delegation: any;
    }[];
    expect(sent.find((r) => r.id === requestId)).toMatchObject({
      status: 'APPROVED',
      delegation: { id: expect.any(String), revokedAt: null, package: { urn: SKATTEGRUNNLAG }, from: { name: 'TRANA BYGG AS' } },
    });
    // The page shows it among the rights given.
    await page.locator('#given li', { hasText: 'SIRI REGNESEN' }).waitFor();
    expect(await page.locator('#given li', { hasText: 'SIRI REGNESEN' }).textContent()).toContain('Skattegrunnlag');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('KARI rejects a request on the page, and SIRI withdraws another on hers', async () => {
    const ask = async (input: Record<string, unknown>) => {
      const asked = await stack.graphql(REQUEST_ACCESS, { input: { from: TRANA_BYGG, ...input } }, siriToken);
      expect(asked.body.errors).toBeUndefined();
      return asked.body.data.requestAccess.id as string;
    };
    const toReject = await ask({ resource: 'ske-mva-melding', actions: ['sign'] });
    const toWithdraw = await ask({ package: 'urn:altinn:accesspackage:merverdiavgift' });
    const statusOf = async (id: string) =>
      ((await stack.graphql(SIRIS_REQUESTS, {}, siriToken)).body.data.me.accessRequestsSent as { id: string; status: string }[]).find(
        (r) => r.id === id,
      )?.status;

    const kari = await loggedIn('kari', '/portal/access', TRANA_BYGG);
    await kari.page.getByRole('button', { name: 'Avslå forespørselen fra SIRI REGNESEN om Mva-melding (signere)' }).click();
    await expect.poll(() => kari.page.locator('#access-notice').textContent(), POLL).toBe('Forespørselen fra SIRI REGNESEN er avslått.');
    expect(await statusOf(toReject)).toBe('REJECTED');
    expect(kari.problems).toEqual([]);
    await kari.context.close();

    const siri = await loggedIn('siri', '/portal/access', SIRI);
    expect(await siri.page.locator(`#requests-sent [data-request="${toReject}"] .status`).textContent()).toBe('avslått');
    await siri.page.getByRole('button', { name: 'Trekk forespørselen til TRANA BYGG AS om Merverdiavgift' }).click();
    await expect.poll(() => siri.page.locator('#access-notice').textContent(), POLL).toBe('Forespørselen til TRANA BYGG AS er trukket.');
    expect(await statusOf(toWithdraw)).toBe('WITHDRAWN');
    expect(await siri.page.locator(`#requests-sent [data-request="${toWithdraw}"] .status`).textContent()).toBe('trukket');
    expect(siri.problems).toEqual([]);
    await siri.context.close();
  });

  it('KARI’s own rights say for whom and why; the page reads in English after the switch', async () => {
    const { context, page } = await loggedIn('kari', '/portal/access', KARI);
    await page.locator('#rights li').first().waitFor();
    const rights = await page.locator('#rights li').allTextContents();
    expect(rights).toContain('TRANA BYGG ASDaglig lederHvorfor: Rolle: Daglig leder');
    expect(rights).toContain('BANKEN ASMerverdiavgiftHvorfor: Tilgangspakke fra rollen Daglig leder');

    await page.locator('#lang').click();
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Access');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#rights li').allTextContents()).toContain('TRANA BYGG ASGeneral managerWhy: Role: General manager');
    await page.locator('#lang').click();
    await context.close();
  });

  it('both pages: axe finds no WCAG 2.1 A/AA violations, no sideways scroll at 390 px, a strict CSP that forbids framing', async () => {
    const { context, page, problems } = await loggedIn('kari', '/portal/access', TRANA_BYGG);
    for (const [path, ready] of [
      ['/portal/access', '#delegate-form'],
      ['/portal/others', '#holders'],
    ] as const) {
      const res = await page.goto(`${stack.publicUrl}${path}`);
      const csp = (await res!.headerValue('content-security-policy'))!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self';/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(await page.locator('script:not([src]):not([type="application/json"])').count()).toBe(0);
      await portalReady(page);
      await page.locator(ready).waitFor();
      for (const lang of ['nb', 'en']) {
        expect(await axeViolations(page), `${path} (${lang})`).toEqual([]);
        await expectNoHorizontalScroll(page, `portal${path.replace('/portal', '').replace('/', '-')}-${lang}-390`);
        await page.locator('#lang').click();
      }
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
