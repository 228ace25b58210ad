import { Field, InputType } from 'type-graphql';
import { DateTimeResolver } from '@hub/kit';

@InputType({ description: 'The viewer (a person) gives another person a power of attorney for one area, until an end date.' })
export class GivePowerOfAttorneyInput {
  @Field(() => String, { description: 'The person who may act for the viewer (a person URN).' })
  to!: string;

  @Field(() => String, {
    description: 'The area: a person package marked `powerOfAttorney` (urn:altinn:accesspackage:innbygger-skatt, -helse, -nav, -post).',
  })
  area!: string;

  @Field(() => DateTimeResolver, { description: 'When it ends: in the future, at most ten years ahead.' })
  validTo!: Date;
}
