import { Directive, Field, ObjectType } from 'type-graphql';

/** A reference to a resource; the roles subgraph owns it and resolves every other field. */
@ObjectType({ description: 'A service or data set owned by an agency.' })
@Directive('@key(fields: "id", resolvable: false)')
export class Resource {
  @Field(() => String)
  id!: string;
}
