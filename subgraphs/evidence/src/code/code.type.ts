import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { partyTypes } from '@hub/db/parties/read';
import { enumOf } from '@hub/kit';
import { evidenceRequirement, requestorKind } from '@hub/db/evidence';
import type { evidenceCodes, serviceContexts } from '@hub/db/evidence';

export type EvidenceCodeRow = typeof evidenceCodes.$inferSelect;
export type ServiceContextRow = typeof serviceContexts.$inferSelect;

export const EvidenceRequirement = enumOf(evidenceRequirement.enumValues);
export type EvidenceRequirement = (typeof EvidenceRequirement)[keyof typeof EvidenceRequirement];
registerEnumType(EvidenceRequirement, {
  name: 'EvidenceRequirement',
  description: 'OPEN: anyone; LEGAL_BASIS: a legal-basis reference; CONSENT: the subject’s consent; LEGAL_BASIS_OR_CONSENT: either.',
});

/** The same values as the parties subgraph's PartyType (a shared value type in the supergraph). */
export const PartyType = enumOf(partyTypes);
export type PartyType = (typeof PartyType)[keyof typeof PartyType];
registerEnumType(PartyType, { name: 'PartyType', description: 'A person or an organisation.' });

export const RequestorKind = enumOf(requestorKind.enumValues);
export type RequestorKind = (typeof RequestorKind)[keyof typeof RequestorKind];
registerEnumType(RequestorKind, {
  name: 'RequestorKind',
  description: 'Who may ask in a service context: any organisation or only public agencies.',
});

@ObjectType({ description: 'A value an evidence code delivers.' })
export class EvidenceValueSpec {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'BOOLEAN, NUMBER, STRING, DATETIME, AMOUNT …' }) type!: string;
}

@ObjectType({ description: 'A parameter an evidence code takes (inntektsaar).' })
export class EvidenceParameterSpec {
  @Field(() => String) name!: string;
  @Field(() => String) type!: string;
  @Field(() => Boolean) required!: boolean;
}

@ObjectType({ description: 'A legal basis a requestor may cite instead of the subject’s consent, and whom it applies to.' })
export class LegalBasis {
  @Field(() => String, { description: 'What to pass as legalBasis: anskaffelsesforskriften-24-2 …' }) id!: string;
  @Field(() => String) title!: string;
  @Field(() => [PartyType], { description: 'The subjects it applies to.' }) subjects!: PartyType[];
}

@ObjectType({ description: 'A purpose evidence is asked for (loan application, public procurement), who may ask in it and about whom.' })
export class ServiceContext {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
  @Field(() => RequestorKind) requestorMustBe!: RequestorKind;
  @Field(() => [PartyType], { description: 'Who evidence in it may be about (public procurement: organisations only).' }) subjects!: PartyType[];
}

@ObjectType({ description: 'Data a source delivers about a subject, and on what basis.' })
export class EvidenceCode {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => EvidenceRequirement) requirement!: EvidenceRequirement;
  @Field(() => [EvidenceValueSpec]) values!: EvidenceValueSpec[];
  @Field(() => [EvidenceParameterSpec]) parameters!: EvidenceParameterSpec[];
  @Field(() => [LegalBasis], {
    description: 'For LEGAL_BASIS and LEGAL_BASIS_OR_CONSENT: the legal bases accepted instead of consent (empty otherwise).',
  })
  legalBases!: LegalBasis[];
}
