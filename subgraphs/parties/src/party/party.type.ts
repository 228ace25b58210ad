import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '@hub/kit';
import { partyType } from '@hub/db/parties';

export const PartyType = enumOf(partyType.enumValues);
export type PartyType = (typeof PartyType)[keyof typeof PartyType];
registerEnumType(PartyType, { name: 'PartyType', description: 'A person or an organisation.' });

/** A person or an organisation (main unit or subunit), as the registers know it. */
@ObjectType({ description: 'A person or an organisation (main unit or subunit).' })
@Directive('@key(fields: "id")')
export class Party {
  @Field(() => ID, { description: 'The party uuid (also reachable as urn:altinn:party:uuid:<id>).' })
  id!: string;

  @Field(() => PartyType)
  type!: PartyType;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: '9 digits; null for persons.' })
  organizationNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Organisation form from the register: AS, BEDR (subunit), ORGL, KOMM …' })
  organizationForm!: string | null;

  @Field(() => Boolean, { description: 'A public agency (may ask for evidence where only agencies may).' })
  isPublic!: boolean;
}
