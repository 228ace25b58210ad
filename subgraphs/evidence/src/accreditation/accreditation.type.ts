import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeResolver, JSONResolver } from '@hub/kit';
import type { accreditationCodes, accreditations } from '@hub/db/evidence';

export type AccreditationRow = typeof accreditations.$inferSelect;
export type AccreditationCodeRow = typeof accreditationCodes.$inferSelect;

/** A consent request, owned by the consents subgraph; only referenced here. */
@ObjectType({ description: 'A request for consent and, once accepted, the consent itself.' })
@Directive('@key(fields: "id", resolvable: false)')
export class ConsentRequest {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'One requestor’s request for evidence about one subject in a service context.' })
export class Accreditation {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { description: 'Until when evidence may be harvested under it.' }) validTo!: Date;
}

@InputType({ description: 'One code asked for.' })
export class EvidenceRequestInput {
  @Field(() => String) code!: string;
  @Field(() => JSONResolver, { nullable: true, description: 'The code’s parameters, e.g. {"inntektsaar": 2024}.' }) parameters?: unknown;
  @Field(() => String, {
    nullable: true,
    description:
      'For LEGAL_BASIS and LEGAL_BASIS_OR_CONSENT codes: the id of one of the code’s legalBases that applies to the subject, ' +
      'instead of consent. Any other is BAD_USER_INPUT.',
  })
  legalBasis?: string | null;
}

@InputType({ description: 'An accreditation: the subject (URN), the service context and the codes asked for.' })
export class CreateAccreditationInput {
  @Field(() => String) subject!: string;
  @Field(() => String) serviceContext!: string;
  @Field(() => [EvidenceRequestInput]) evidenceCodes!: EvidenceRequestInput[];
  @Field(() => String, {
    nullable: true,
    description:
      'Where the subject is sent after answering the consent request: one of the calling client’s registered redirect URLs; ' +
      'required when a code needs consent.',
  })
  consentRedirectUrl?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Default: 30 days from now.' }) validTo?: Date | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'The consent request is joint: everyone who represents the subject by a register role (the heirs of an estate) must ' +
      'accept before the evidence is available. Default: one representative, within their mandate, suffices.',
  })
  consentJointly?: boolean | null;
}
