import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '@hub/kit';
import { resourceType } from '@hub/db/roles';

export const ResourceType = enumOf(resourceType.enumValues);
export type ResourceType = (typeof ResourceType)[keyof typeof ResourceType];
registerEnumType(ResourceType, {
  name: 'ResourceType',
  description: 'SERVICE: used on behalf of a party; CONSENT: data shared by consent; PUBLIC: open to everyone.',
});

@ObjectType({ description: 'A service or data set owned by an agency, with the policy that says who may do what.' })
@Directive('@key(fields: "id")')
export class Resource {
  @Field(() => String, { description: 'Chosen by the owner: lower-case letters, digits and hyphens (ske-mva-melding).' })
  id!: string;

  @Field(() => ResourceType)
  type!: ResourceType;

  @Field(() => String)
  title!: string;

  @Field(() => [String], { description: 'What one may do with it: read, write, sign, consent …' })
  actions!: string[];

  @Field(() => Boolean, { description: 'Whether those who have it may delegate its actions to others.' })
  delegable!: boolean;

  @Field(() => Int, { nullable: true, description: 'The lowest authentication level (1–4) it may be used with; null: any.' })
  minimumAuthenticationLevel!: number | null;

  @Field(() => [String], { nullable: true, description: 'Metadata keys a consent must carry (e.g. inntektsaar); null unless CONSENT.' })
  consentMetadata!: string[] | null;

  @Field(() => Boolean, { description: 'A consent to it ends at its first use.' })
  oneTimeConsent!: boolean;
}
