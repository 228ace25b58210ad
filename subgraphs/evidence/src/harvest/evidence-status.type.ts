import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, JSONResolver } from '@hub/kit';
import type { EvidenceValue as SourceValue } from '../sources/source';

export enum EvidenceState {
  AVAILABLE = 'AVAILABLE',
  PENDING_CONSENT = 'PENDING_CONSENT',
  DENIED = 'DENIED',
  EXPIRED = 'EXPIRED',
  WAITING = 'WAITING',
  UNAVAILABLE = 'UNAVAILABLE',
}
registerEnumType(EvidenceState, {
  name: 'EvidenceState',
  description:
    'AVAILABLE: may be harvested; PENDING_CONSENT: the subject has not answered; DENIED: consent refused, withdrawn or used, or the ' +
    'source refused (see reason); EXPIRED: consent or accreditation past validTo; WAITING: the source is preparing it; ' +
    'UNAVAILABLE: the source failed or was too slow (try again at retryAt).',
});

@ObjectType({ description: 'One value a source delivered.' })
export class EvidenceValue implements SourceValue {
  @Field(() => String) name!: string;
  @Field(() => String) type!: string;
  @Field(() => JSONResolver, { nullable: true }) value!: unknown;
}

/** A code's state in an accreditation; with `values`, the outcome of harvesting it in this request. */
@ObjectType({ description: 'One evidence code of an accreditation: its status and, when harvested, its values.' })
export class EvidenceStatus {
  @Field(() => String) code!: string;
  @Field(() => EvidenceState) status!: EvidenceState;
  @Field(() => String, { nullable: true, description: 'Why it is DENIED, EXPIRED or UNAVAILABLE.' }) reason!: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When UNAVAILABLE: when to try again.' }) retryAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the values were harvested (this request).' }) harvestedAt!: Date | null;
  @Field(() => [EvidenceValue], { nullable: true, description: 'Selecting this harvests the code: the source is asked now.' })
  values!: EvidenceValue[] | null;
}
