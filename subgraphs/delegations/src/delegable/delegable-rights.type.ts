import { Field, ObjectType } from 'type-graphql';
import { AccessPackage } from '../access-package/access-package.type';
import { Resource } from '../resource/resource.type';

@ObjectType({ description: 'A resource, and those of its actions the viewer may give others.' })
export class DelegableResource {
  @Field(() => Resource)
  resource!: Resource;

  @Field(() => [String], { description: 'In the resource’s order.' })
  actions!: string[];
}

@ObjectType({ description: 'What the viewer may give others on behalf of a party: exactly what `delegate` would accept from them.' })
export class DelegableRights {
  @Field(() => [DelegableResource], { description: 'Delegable resources the viewer may use for the party, by id.' })
  resources!: DelegableResource[];

  @Field(() => [AccessPackage], { description: 'Delegable packages the viewer’s own roles grant for the party, by urn.' })
  packages!: AccessPackage[];
}
