import { Directive, Field, ObjectType } from 'type-graphql';

/** A reference to an access package; the roles subgraph owns it and resolves every other field. */
@ObjectType({ description: 'A bundle of resources that roles grant and administrators may delegate as a whole.' })
@Directive('@key(fields: "urn", resolvable: false)')
export class AccessPackage {
  @Field(() => String)
  urn!: string;
}
