import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { consentEventType } from '@hub/db/consents';
import { DateTimeResolver, enumOf } from '@hub/kit';

export const ConsentEventType = enumOf([...consentEventType.enumValues, 'EXPIRED']);
export type ConsentEventType = (typeof ConsentEventType)[keyof typeof ConsentEventType];
registerEnumType(ConsentEventType, {
  name: 'ConsentEventType',
  description:
    'What happened to a consent. USED: a data source reported a use; TOKEN_ISSUED: the recipient got a consent token; ' +
    'EXPIRED: an accepted consent reached its validTo (computed in consent logs, never stored or fed).',
});

/** An event as stored, or an EXPIRED one computed for a log (id null). */
export interface ConsentEventView {
  id: number | null;
  consentId: string;
  type: ConsentEventType;
  at: Date;
  performedById: string | null;
  /** USED: the resource delivered, and the organisation it was delivered to. */
  resourceId?: string | null;
  deliveredToId?: string | null;
}

@ObjectType({ description: 'Something that happened to a consent request, and who did it.' })
export class ConsentEvent {
  @Field(() => ConsentEventType)
  type!: ConsentEventType;

  @Field(() => DateTimeResolver)
  at!: Date;
}
