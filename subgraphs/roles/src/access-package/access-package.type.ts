import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A bundle of resources that roles grant and administrators may delegate as a whole.' })
@Directive('@key(fields: "urn")')
export class AccessPackage {
  @Field(() => String, { description: 'urn:altinn:accesspackage:…' })
  urn!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: 'Whether holders may delegate it to others.' })
  delegable!: boolean;

  @Field(() => Boolean, { description: 'Holding it makes one an administrator of the party (the main-administrator package).' })
  administers!: boolean;

  @Field(() => Boolean, { description: 'A client package: an accounting or auditing firm passes it on to its own agents.' })
  clientPackage!: boolean;

  @Field(() => Boolean, {
    description:
      'A person’s area (tax, health, NAV, post): a person may give it to another person as a power of attorney (`givePowerOfAttorney`), with an end date.',
  })
  powerOfAttorney!: boolean;
}
