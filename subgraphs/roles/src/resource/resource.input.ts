import { Field, InputType, Int } from 'type-graphql';
import { PolicySubjectKind } from './policy-rule.type';
import { ResourceType } from './resource.type';

@InputType({ description: 'Holders of `subject` may perform `actions` (each one of the resource’s actions).' })
export class PolicyRuleInput {
  @Field(() => PolicySubjectKind)
  subjectKind!: PolicySubjectKind;

  @Field(() => String, { description: 'A role code from `roles` (DAGL) or an access package urn from `accessPackages`.' })
  subject!: string;

  @Field(() => [String])
  actions!: string[];
}

/** Everything a resource owner says about a resource; an update replaces all of it, policy included. */
@InputType({ description: 'A resource as its owner describes it. updateResource replaces every field and the whole policy.' })
export class ResourceInput {
  @Field(() => String, {
    nullable: true,
    description: 'Required by createResource: 3–63 lower-case letters, digits and hyphens. updateResource: absent or the same id.',
  })
  id?: string | null;

  @Field(() => ResourceType)
  type!: ResourceType;

  @Field(() => String)
  title!: string;

  @Field(() => [String], { description: 'At least one: read, write, sign, consent, or another lower-case word.' })
  actions!: string[];

  @Field(() => Boolean, { defaultValue: false })
  delegable!: boolean;

  @Field(() => Int, { nullable: true, description: '1–4; absent: any level.' })
  minimumAuthenticationLevel?: number | null;

  @Field(() => String, { nullable: true, description: 'A consent template id; required for CONSENT resources, refused for others.' })
  consentTemplate?: string | null;

  @Field(() => [String], { nullable: true, description: 'Metadata keys every consent must carry (CONSENT only).' })
  consentMetadata?: string[] | null;

  @Field(() => Boolean, { defaultValue: false, description: 'A consent ends at its first use (CONSENT only).' })
  oneTimeConsent!: boolean;

  @Field(() => [PolicyRuleInput], { description: 'The whole policy; [] leaves the resource to delegations and consents alone.' })
  policy!: PolicyRuleInput[];
}
