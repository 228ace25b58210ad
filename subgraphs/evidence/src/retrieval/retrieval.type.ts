import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from '@hub/kit';
import type { evidenceRetrievals } from '@hub/db/evidence';
import { EvidenceState } from '../harvest/evidence-status.type';

export type RetrievalRow = typeof evidenceRetrievals.$inferSelect;

@ObjectType({ description: 'One attempt to retrieve evidence about a subject: who asked for what, and what came of it.' })
export class EvidenceRetrieval {
  @Field(() => String) code!: string;
  @Field(() => EvidenceState) status!: EvidenceState;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => ID, { nullable: true, description: 'The accreditation it was made under; null for open evidence.' }) accreditationId!: string | null;
}
