import { Field, ID, InputType } from 'type-graphql';
import { DateTimeResolver, JSONResolver } from '@hub/kit';

@InputType({ description: 'One right asked for: a consent resource and the metadata its consent must carry.' })
export class ConsentRightInput {
  @Field(() => String, { description: 'A resource of type CONSENT (ske-inntekt-skattegrunnlag).' })
  resource!: string;

  @Field(() => JSONResolver, {
    nullable: true,
    description:
      'Exactly the resource’s consentMetadata keys, values strings or numbers (stored as strings): {"inntektsaar": "2024"}; ' +
      '{"skjema": "<form id>"} names the one form a consent to act is for.',
  })
  metadata?: unknown;

  @Field(() => [String], {
    nullable: true,
    description:
      'What the consent lets the requester do (default ["consent"]: fetch the data): acts among the resource’s actions, e.g. ["sign"] ' +
      'or ["sign","submit"] on a form.',
  })
  actions?: string[] | null;
}

@InputType({ description: 'A request for consent. Party references are URNs; `to` is the calling organisation.' })
export class CreateConsentRequestInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Client-chosen UUID: repeating it with the same input returns the same request; with other input it is a CONFLICT.',
  })
  id?: string | null;

  @Field(() => String, { description: 'The party asked (a person or an organisation).' })
  from!: string;

  @Field(() => DateTimeResolver, { description: 'Until when the consent would hold; in the future.' })
  validTo!: Date;

  @Field(() => [ConsentRightInput], { description: 'At least one; their resources must share one consent template.' })
  rights!: ConsentRightInput[];

  @Field(() => String, {
    description:
      'Where the person is sent back to: exactly one of the redirect URLs registered for the calling client (the token’s client_id); ' +
      'a loopback http URL may differ in its port only.',
  })
  redirectUrl!: string;

  @Field(() => String, { nullable: true, description: 'Shown to the person; at most 1000 characters.' })
  requestMessage?: string | null;

  @Field(() => String, { nullable: true, description: 'A person who alone may answer (and must be entitled to).' })
  requiredDelegator?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True: everyone who may answer for `from` by a register role (the heirs of an estate, together) must accept; the request ' +
      'is ACCEPTED at the last acceptance and REJECTED at any rejection. `from` itself still answers alone. Default false: ' +
      'one representative, each within their mandate, suffices.',
  })
  jointly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'An organisation handling the request for the requester; it may read it and get its tokens.' })
  handledBy?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'PKCE S256 challenge (43 characters of base64url): the token exchange must then show the verifier.',
  })
  codeChallenge?: string | null;
}
