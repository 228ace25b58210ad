import { readFileSync } from 'node:fs';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, CREATE, inSeconds, pkcePair, storyTokens, URN } from './support/consents';
import { startTestStack, type TestStack } from './support/stack';

// The standard token endpoint (issue 13 point 6): an off-the-shelf OAuth client library (oauth4webapi) discovers the
// hub, and exchanges the consent code at POST /oauth/token, authenticating BANKEN's system with private_key_jwt.

const PRIVATE_JWK = JSON.parse(readFileSync(new URL('./support/banken-system.private.jwk.json', import.meta.url), 'utf8')) as JWK;
const REDIRECT = 'http://localhost:9999/callback';
const CLIENT: oauth.Client = { client_id: 'banken-system' };
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

let stack: TestStack;
let t: Awaited<ReturnType<typeof storyTokens>>;
let base: string;
let as: oauth.AuthorizationServer;
let clientAuth: oauth.ClientAuth;
let privateKey: CryptoKey;

/** The stack listens on 127.0.0.1; its public URL (the issuer) says localhost. */
const toStack: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  return fetch(`${base}${url.pathname}${url.search}`, init);
};
const insecure = { [oauth.allowInsecureRequests]: true, [oauth.customFetch]: toStack };

beforeAll(async () => {
  stack = await startTestStack();
  base = stack.url.replace(/\/graphql$/, '');
  t = await storyTokens(stack);
  const issuer = new URL(stack.publicUrl);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
  privateKey = (await importJWK(PRIVATE_JWK, 'ES256')) as CryptoKey;
  clientAuth = oauth.PrivateKeyJwt({ key: privateKey, kid: PRIVATE_JWK.kid });
});
afterAll(() => stack?.close());

/** BANKEN asks HÅKON for his tax certificate with a PKCE challenge; HÅKON accepts. Returns the redirect and the verifier. */
async function consentCode(state = 'xyz') {
  const { verifier, challenge } = pkcePair();
  const input = {
    from: URN.hakon,
    validTo: inSeconds(3600),
    redirectUrl: REDIRECT,
    codeChallenge: challenge,
    rights: [{ resource: 'ske-skatteattest' }],
  };
  const created = await stack.graphql(CREATE, { input }, t.banken);
  expect(created.body.errors).toBeUndefined();
  const accepted = await stack.graphql(ACCEPT, { id: created.body.data.createConsentRequest.id, state }, t.hakon);
  expect(accepted.body.errors).toBeUndefined();
  return {
    redirect: new URL(accepted.body.data.acceptConsentRequest.redirectUrl),
    verifier,
    id: created.body.data.createConsentRequest.id as string,
  };
}

/** One token request made by hand, as a form. */
async function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, cacheControl: res.headers.get('cache-control'), body: (await res.json()) as Record<string, unknown> };
}

/** A client assertion for banken-system signed with `key`, with `claims` changed. */
async function assertion(claims: Record<string, unknown> = {}, key: CryptoKey = privateKey) {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: 'banken-system', sub: 'banken-system', aud: stack.publicUrl, iat: now, exp: now + 60, jti: crypto.randomUUID(), ...claims };
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: PRIVATE_JWK.kid! }).sign(key);
}

describe('the server metadata', () => {
  it('lists the token endpoint and how clients authenticate at it', () => {
    expect(as).toMatchObject({
      issuer: stack.publicUrl,
      token_endpoint: `${stack.publicUrl}/oauth/token`,
      grant_types_supported: ['authorization_code'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: expect.arrayContaining(['ES256', 'RS256']),
      code_challenge_methods_supported: ['S256'],
    });
  });
});

describe('an OAuth client library at /oauth/token', () => {
  it('exchanges a consent code for a consent token with private_key_jwt', async () => {
    const { redirect, verifier, id } = await consentCode();
    const params = oauth.validateAuthResponse(as, CLIENT, redirect, 'xyz');
    const response = await oauth.authorizationCodeGrantRequest(as, CLIENT, clientAuth, params, REDIRECT, verifier, insecure);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const result = await oauth.processAuthorizationCodeResponse(as, CLIENT, response);
    expect(result.token_type).toBe('bearer');
    expect(result.expires_in).toBeGreaterThan(200);
    expect(result.expires_in).toBeLessThanOrEqual(300);
    const claims = jsonwebtoken.decode(result.access_token) as jsonwebtoken.JwtPayload;
    expect(claims).toMatchObject({ iss: stack.publicUrl, sub: URN.hakon, client_id: 'banken-system' });
    expect(claims.authorization_details[0]).toMatchObject({ type: 'urn:altinn:consent', id, from: URN.hakon, to: URN.banken });
    expect(result.authorization_details).toEqual(claims.authorization_details);
  });

  it('refuses the same code a second time with invalid_grant', async () => {
    const { redirect, verifier } = await consentCode();
    const params = oauth.validateAuthResponse(as, CLIENT, redirect, 'xyz');
    const first = await oauth.authorizationCodeGrantRequest(as, CLIENT, clientAuth, params, REDIRECT, verifier, insecure);
    await oauth.processAuthorizationCodeResponse(as, CLIENT, first);
    const second = await oauth.authorizationCodeGrantRequest(as, CLIENT, clientAuth, params, REDIRECT, verifier, insecure);
    expect(second.status).toBe(400);
    await expect(oauth.processAuthorizationCodeResponse(as, CLIENT, second)).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('already used'),
    });
  });

  it('refuses a wrong PKCE verifier with invalid_grant, and the code still works with the right one', async () => {
    const { redirect, verifier } = await consentCode();
    const params = oauth.validateAuthResponse(as, CLIENT, redirect, 'xyz');
    const wrong = await oauth.authorizationCodeGrantRequest(as, CLIENT, clientAuth, params, REDIRECT, oauth.generateRandomCodeVerifier(), insecure);
    await expect(oauth.processAuthorizationCodeResponse(as, CLIENT, wrong)).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('codeVerifier'),
    });
    const right = await oauth.authorizationCodeGrantRequest(as, CLIENT, clientAuth, params, REDIRECT, verifier, insecure);
    expect((await oauth.processAuthorizationCodeResponse(as, CLIENT, right)).access_token).toBeTruthy();
  });

  it('refuses an assertion signed with a key the client did not register with invalid_client', async () => {
    const { redirect, verifier } = await consentCode();
    const { privateKey: other } = await generateKeyPair('ES256');
    const params = oauth.validateAuthResponse(as, CLIENT, redirect, 'xyz');
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      CLIENT,
      oauth.PrivateKeyJwt({ key: other, kid: PRIVATE_JWK.kid }),
      params,
      REDIRECT,
      verifier,
      insecure,
    );
    expect(response.status).toBe(401);
    await expect(oauth.processAuthorizationCodeResponse(as, CLIENT, response)).rejects.toMatchObject({ error: 'invalid_client' });
    // A failed client authentication does not use the code up.
    const retried = await oauth.authorizationCodeGrantRequest(as, CLIENT, clientAuth, params, REDIRECT, verifier, insecure);
    expect((await oauth.processAuthorizationCodeResponse(as, CLIENT, retried)).access_token).toBeTruthy();
  });
});

describe('the token endpoint’s refusals, by hand', () => {
  const grant = async (extra: Record<string, string> = {}) => {
    const { redirect, verifier } = await consentCode();
    return {
      grant_type: 'authorization_code',
      code: redirect.searchParams.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: 'banken-system',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await assertion(),
      ...extra,
    };
  };

  it('gives one token for one code when 20 exchanges of it race, each with an assertion of its own', async () => {
    const form = await grant();
    const answers = await Promise.all(Array.from({ length: 20 }, async () => tokenRequest({ ...form, client_assertion: await assertion() })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('accepts one assertion once when 20 requests race with it', async () => {
    const once = await assertion();
    const forms = await Promise.all(Array.from({ length: 20 }, () => grant({ client_assertion: once })));
    const answers = await Promise.all(forms.map((f) => tokenRequest(f)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('answers an unknown grant type with unsupported_grant_type, and a missing one with invalid_request', async () => {
    const form = await grant({ grant_type: 'client_credentials' });
    expect(await tokenRequest(form)).toMatchObject({ status: 400, cacheControl: 'no-store', body: { error: 'unsupported_grant_type' } });
    const { grant_type: _g, ...without } = form;
    expect(await tokenRequest(without)).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('answers a missing code or a JSON body with invalid_request', async () => {
    const { code: _c, ...form } = await grant();
    expect(await tokenRequest(form)).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'code is required' } });
    const json = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await grant()),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers missing client authentication, a client secret or a replayed assertion with invalid_client', async () => {
    const { client_assertion: _a, client_assertion_type: _t, ...unauthenticated } = await grant();
    expect(await tokenRequest(unauthenticated)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await tokenRequest({ ...unauthenticated, client_secret: 'hemmelig' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const once = await assertion();
    expect(await tokenRequest(await grant({ client_assertion: once }))).toMatchObject({ status: 200 });
    expect(await tokenRequest(await grant({ client_assertion: once }))).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_description: expect.stringContaining('already used') },
    });
  });

  it('answers an assertion for another audience, of another client, or living too long with invalid_client', async () => {
    for (const bad of [
      await assertion({ aud: 'https://maskinporten.example/' }),
      await assertion({ iss: 'finansiering-system', sub: 'finansiering-system' }),
      await assertion({ exp: Math.floor(Date.now() / 1000) + 3600 }),
      'not-a-jwt',
    ]) {
      expect(await tokenRequest(await grant({ client_assertion: bad }))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    }
  });

  it('answers a redirect_uri other than the request’s with invalid_grant', async () => {
    const form = await grant({ redirect_uri: 'https://banken.example/retur' });
    expect(await tokenRequest(form)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});
