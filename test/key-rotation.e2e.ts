import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentSettings } from '../subgraphs/consents/src/token/settings';
import { rotateSigningKey } from '../subgraphs/consents/src/token/signing-keys';
import { ACCEPT, CREATE, ISSUE, URN, inSeconds } from './support/consents';
import { startTestStack, type TestStack } from './support/stack';

// A verifier refetches the key set on an unknown kid at most every COOLDOWN ms (jose's default is 30 s); the router
// keeps the key set 10 s. A new key must be published longer ahead than both together (the default is 60 s).
const COOLDOWN = 4_000;
const PUBLISH_AHEAD = 15;

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ env: { SIGNING_KEY_PUBLISH_AHEAD: String(PUBLISH_AHEAD) } });
});
afterAll(() => stack?.close());

describe('signing-key rotation', () => {
  it('loses no verification while tokens are issued and verified across a rotation', async () => {
    const bank = await stack.token({ client: 'banken-system' });
    const created = await stack.graphql(
      CREATE,
      {
        input: {
          from: URN.hakon,
          validTo: inSeconds(3600),
          rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
          redirectUrl: 'https://banken.example/retur',
        },
      },
      bank,
    );
    const id = created.body.data.createConsentRequest.id;
    await stack.graphql(ACCEPT, { id }, await stack.personToken('hakon'));

    // A data source as in real life: the hub's JWKS over HTTP, fetched again when an unknown kid turns up.
    const jwks = createRemoteJWKSet(new URL(`${stack.publicUrl}/.well-known/jwks.json`), { cooldownDuration: COOLDOWN });
    const verify = (token: string) =>
      jwtVerify(token, jwks, { issuer: stack.publicUrl, audience: URN.skatteetaten, algorithms: ['ES256'], typ: 'at+jwt' });

    const issue = async () => {
      const { body } = await stack.graphql(ISSUE, { input: { consentId: id } }, bank);
      expect(body.errors).toBeUndefined();
      return body.data.issueConsentToken.accessToken as string;
    };
    const early = await issue();
    await verify(early);

    const kids = new Set<string>();
    let verified = 0;
    let rotated: string | undefined;
    const until = Date.now() + (PUBLISH_AHEAD + 3) * 1000;
    const held: string[] = [early];
    while (Date.now() < until) {
      if (!rotated && verified >= 3) {
        const settings = consentSettings(stack.settings);
        rotated = await rotateSigningKey(stack.database.db, settings.keyEncryptionKey, settings.publishAheadSeconds);
      }
      const token = await issue();
      held.push(token);
      // Verify the new token and every earlier one that is still valid: old keys must stay published.
      for (const t of held) await verify(t);
      kids.add(decodeProtectedHeader(token).kid!);
      verified++;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rotated).toBeDefined();
    expect(kids.has(rotated!)).toBe(true);
    expect(kids.size).toBe(2);
    expect(verified).toBeGreaterThan(10);
  }, 60_000);
});
