import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { badInput } from '@hub/kit';
import { JWT_BEARER_ASSERTION } from './client-assertion';
import type { TokenRequest } from './issue.input';

@InputType({
  description:
    'An OAuth 2.0 authorization code grant (RFC 6749 §4.1.3) with private_key_jwt client authentication (RFC 7523), as POST /oauth/token takes it.',
})
export class AuthorizationCodeGrantInput {
  @Field(() => String, { description: 'The one-time code from the accept redirect.' })
  code!: string;

  @Field(() => String, { description: 'Exactly the consent request’s redirectUrl (redirect_uri).' })
  redirectUri!: string;

  @Field(() => String, { nullable: true, description: 'The PKCE verifier, when the request had a codeChallenge (code_verifier).' })
  codeVerifier?: string | null;

  @Field(() => String, { nullable: true, description: 'The client id (client_id); when given, the assertion’s iss must be it.' })
  clientId?: string | null;

  @Field(() => String, { description: `client_assertion_type: ${JWT_BEARER_ASSERTION}.` })
  clientAssertionType!: string;

  @Field(() => String, {
    description:
      'client_assertion: a JWT the client signed with a key it registered (iss = sub = client id, aud = the hub’s issuer or token endpoint, exp at most 120 s ahead, a unique jti).',
  })
  clientAssertion!: string;
}

const Shape = z.object({
  code: z.string().min(1, 'must not be empty').max(200, 'is not a code this hub gave out'),
  redirectUri: z.string().min(1, 'must not be empty').max(2000, 'at most 2000 characters'),
  codeVerifier: z
    .string()
    .regex(/^[A-Za-z0-9\-._~]{43,128}$/, 'must be 43–128 characters of A–Z, a–z, 0–9, -, ., _, ~')
    .nullish(),
  clientId: z.string().min(1, 'must not be empty').max(200, 'at most 200 characters').nullish(),
  clientAssertionType: z.literal(JWT_BEARER_ASSERTION, { error: `must be ${JWT_BEARER_ASSERTION}` }),
  clientAssertion: z.string().min(1, 'must not be empty').max(8000, 'at most 8000 characters'),
});

/** The grant as a token request by code, and the client's credentials; BAD_USER_INPUT naming the field otherwise. */
export function shapeCodeGrant(input: AuthorizationCodeGrantInput): {
  request: TokenRequest;
  clientId: string | null;
  assertion: string;
} {
  const parsed = Shape.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(`input.${issue.path.join('.')}`, issue.message);
  }
  const v = parsed.data;
  return {
    request: { kind: 'code', code: v.code, redirectUrl: v.redirectUri, codeVerifier: v.codeVerifier ?? null, resources: null },
    clientId: v.clientId ?? null,
    assertion: v.clientAssertion,
  };
}
