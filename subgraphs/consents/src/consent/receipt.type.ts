import { Field, ObjectType } from 'type-graphql';
import { DateTimeResolver, JSONResolver } from '@hub/kit';

@ObjectType({ description: 'What the person saw and accepted, frozen at acceptance, with a hash that shows it was not changed since.' })
export class ConsentReceipt {
  @Field(() => DateTimeResolver)
  acceptedAt!: Date;

  @Field(() => String, { description: 'The consent text exactly as shown (Norwegian Bokmål), placeholders filled in.' })
  textShown!: string;

  @Field(() => JSONResolver, {
    description: 'id, acceptedAt, acceptedBy, from/to/handledBy (urn, name), validTo, rights with metadata, template id, title and textShown.',
  })
  body!: unknown;

  @Field(() => String, { description: 'sha256 (hex) of `body` serialised as canonical JSON (keys sorted, no whitespace).' })
  sha256!: string;
}
