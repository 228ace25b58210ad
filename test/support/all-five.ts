import { expect } from 'vitest';
import { ACCEPT, CREATE, inSeconds, URN } from './consents';

/** One query over all five subgraphs: parties (urn, name), roles, delegations, consents, evidence. */
export const ALL_FIVE = /* GraphQL */ `
  query AllFive {
    me {
      urn name
      rolesHeld { role { code } }
      authorizedParties { urn }
      consentsGiven { id status }
      evidenceRetrievals { code }
    }
  }`;

/** The field of ALL_FIVE each subgraph but parties answers. */
export const FIELD_OF = { roles: 'rolesHeld', delegations: 'authorizedParties', consents: 'consentsGiven', evidence: 'evidenceRetrievals' } as const;

type Graphql = (query: string, variables: Record<string, unknown>, bearer?: string) => Promise<{ body: { data?: any; errors?: unknown } }>;

/** HÅKON gives BANKEN a consent, so that `consentsGiven` has something to lose when consents is down. */
export async function hakonHasGivenAConsent(graphql: Graphql, banken: string, hakon: string): Promise<void> {
  const input = {
    from: URN.hakon,
    validTo: inSeconds(3600),
    redirectUrl: 'http://localhost:9999/callback',
    rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
  };
  const created = await graphql(CREATE, { input }, banken);
  expect(created.body.errors).toBeUndefined();
  expect((await graphql(ACCEPT, { id: created.body.data.createConsentRequest.id }, hakon)).body.errors).toBeUndefined();
}

/** Checks that ALL_FIVE came back whole (every subgraph answered, with data) and returns `me`. */
export function expectWhole(body: { data?: any; errors?: unknown }): Record<string, unknown> {
  expect(body.errors).toBeUndefined();
  const me = body.data.me as Record<string, unknown>;
  expect(me).toMatchObject({ urn: URN.hakon, name: expect.any(String) });
  for (const field of Object.values(FIELD_OF)) expect(Array.isArray(me[field])).toBe(true);
  expect((me.consentsGiven as unknown[]).length).toBeGreaterThan(0);
  expect((me.authorizedParties as unknown[]).length).toBeGreaterThan(0);
  return me;
}
