import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { badInput, DateTimeResolver } from '@hub/kit';
import { isUuid } from '../ids';

@InputType({ description: 'Exactly one of code (with redirectUrl and, after a PKCE challenge, codeVerifier) or consentId.' })
export class IssueConsentTokenInput {
  @Field(() => ID, { nullable: true, description: 'An accepted consent the caller is the recipient of.' })
  consentId?: string | null;

  @Field(() => String, { nullable: true, description: 'The one-time code from the accept redirect (valid 60 seconds).' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'With code: exactly the consent request’s redirectUrl.' })
  redirectUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'With code, when the request had a codeChallenge: the PKCE verifier.' })
  codeVerifier?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Only the rights of these resources (default: every right still usable). A one-time right goes into one token only, so ' +
      'ask for it when it is about to be used.',
  })
  resources?: string[] | null;
}

@ObjectType({ description: 'A signed, short-lived consent token (ES256 JWT) to present to the data sources.' })
export class ConsentToken {
  @Field(() => String)
  accessToken!: string;

  @Field(() => String, { description: 'Bearer' })
  tokenType!: string;

  @Field(() => DateTimeResolver, { description: 'At most 300 seconds ahead, never past the consent’s validTo.' })
  expiresAt!: Date;
}

export type TokenRequest = (
  { kind: 'code'; code: string; redirectUrl: string | null; codeVerifier: string | null } | { kind: 'consent'; consentId: string }
) & { resources: string[] | null };

const Shape = z.object({
  consentId: z.string().refine(isUuid, 'must be a UUID').nullish(),
  code: z.string().min(1, 'must not be empty').max(200, 'is not a code this hub gave out').nullish(),
  redirectUrl: z.string().max(2000, 'at most 2000 characters').nullish(),
  // RFC 7636 §4.1: 43–128 unreserved characters.
  codeVerifier: z
    .string()
    .regex(/^[A-Za-z0-9\-._~]{43,128}$/, 'must be 43–128 characters of A–Z, a–z, 0–9, -, ., _, ~')
    .nullish(),
  resources: z
    .array(z.string().min(1, 'must not be empty').max(200, 'is not a resource id'))
    .min(1, 'name at least one resource, or leave it out')
    .max(50, 'at most 50')
    .nullish(),
});

/** Exactly one way of asking; anything else is BAD_USER_INPUT naming the field. */
export function shapeTokenRequest(input: IssueConsentTokenInput): TokenRequest {
  const parsed = Shape.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(`input.${issue.path.join('.')}`, issue.message);
  }
  const { consentId, code, redirectUrl, codeVerifier } = parsed.data;
  const resources = parsed.data.resources ? [...new Set(parsed.data.resources)] : null;
  if (!code === !consentId) throw badInput('input', 'give exactly one of code or consentId');
  if (consentId) {
    if (redirectUrl != null) throw badInput('input.redirectUrl', 'goes only with code');
    if (codeVerifier != null) throw badInput('input.codeVerifier', 'goes only with code');
    return { kind: 'consent', consentId: consentId.toLowerCase(), resources };
  }
  return { kind: 'code', code: code!, redirectUrl: redirectUrl ?? null, codeVerifier: codeVerifier ?? null, resources };
}
