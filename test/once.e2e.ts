import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationUrn, storyParty } from '@hub/db';
import { ACCEPT, CREATE, errorOf, inSeconds, ISSUE, pkcePair, READ, URN } from './support/consents';
import { startTestStack, type TestStack } from './support/stack';

// What must happen once, asked 20 times at once, each with its own token (the gateway merges identical in-flight
// requests, so one shared token would test the merge, not the database).
const N = 20;
const REDIRECT = 'http://localhost:9999/callback';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const tokens = (make: () => Promise<string>) => Promise.all(Array.from({ length: N }, make));
const outcomes = <T>(answers: { body: { data?: Record<string, T> | null; errors?: { extensions?: { code?: string } }[] } }[], field: string) => ({
  ok: answers.map((a) => a.body.data?.[field]).filter((x): x is T => !!x),
  codes: answers.filter((a) => !a.body.data?.[field]).map((a) => errorOf(a.body as never)?.code),
});

describe(`${N} parallel requests for what happens once`, () => {
  let id: string;
  let code: string;
  const { verifier, challenge } = pkcePair();

  it('accepts a consent request once: one ACCEPTED transition and receipt, every answer the same (idempotent)', async () => {
    const banken = await stack.token({ client: 'banken-system' });
    const created = await stack.graphql(
      CREATE,
      {
        input: {
          from: URN.hakon,
          validTo: inSeconds(86_400),
          rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
          redirectUrl: REDIRECT,
          codeChallenge: challenge,
        },
      },
      banken,
    );
    expect(created.body.errors).toBeUndefined();
    id = created.body.data.createConsentRequest.id;

    const hakon = await tokens(() => stack.personToken('hakon'));
    const answers = await Promise.all(hakon.map((t) => stack.graphql(ACCEPT, { id }, t)));
    const { ok, codes } = outcomes<{ status: string; redirectUrl: string }>(answers, 'acceptConsentRequest');
    expect(codes).toEqual([]);
    expect(ok.map((a) => a.status)).toEqual(Array(N).fill('ACCEPTED'));
    code = new URL(ok[0]!.redirectUrl).searchParams.get('code')!;
    const events = (await stack.graphql(READ, { id }, banken)).body.data.consentRequest.events.map((e: { type: string }) => e.type);
    expect(events.filter((t: string) => t === 'ACCEPTED')).toHaveLength(1);
  });

  it('exchanges an authorization code for a token once', async () => {
    const banks = await tokens(() => stack.token({ client: 'banken-system' }));
    const answers = await Promise.all(banks.map((t) => stack.graphql(ISSUE, { input: { code, redirectUrl: REDIRECT, codeVerifier: verifier } }, t)));
    const { ok, codes } = outcomes<{ accessToken: string }>(answers, 'issueConsentToken');
    expect(ok).toHaveLength(1);
    expect(codes).toHaveLength(N - 1);
    expect(codes.every((c) => c === 'BAD_USER_INPUT' || c === 'CONFLICT')).toBe(true);
  });

  it('approves an access request once: one delegation, the rest CONFLICT', async () => {
    const tranabygg = storyParty('tranabygg') as { organizationNumber: string };
    const requested = await stack.graphql(
      `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { id } }`,
      { input: { from: organizationUrn(tranabygg.organizationNumber), resource: 'ske-mva-melding', actions: ['write'] } },
      await stack.personToken('arian'),
    );
    expect(requested.body.errors).toBeUndefined();
    const requestId = requested.body.data.requestAccess.id;
    const kari = await tokens(() => stack.personToken('kari'));
    const answers = await Promise.all(
      kari.map((t) => stack.graphql(`mutation($id: ID!) { approveAccessRequest(id: $id) { status delegation { id } } }`, { id: requestId }, t)),
    );
    const { ok, codes } = outcomes<{ status: string; delegation: { id: string } }>(answers, 'approveAccessRequest');
    expect(ok).toHaveLength(1);
    expect(ok[0]!.status).toBe('APPROVED');
    expect(codes).toEqual(Array(N - 1).fill('CONFLICT'));
  });
});
