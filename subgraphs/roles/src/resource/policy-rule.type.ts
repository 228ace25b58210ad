import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '@hub/kit';
import { policySubjectKind } from '@hub/db/roles';

export const PolicySubjectKind = enumOf(policySubjectKind.enumValues);
export type PolicySubjectKind = (typeof PolicySubjectKind)[keyof typeof PolicySubjectKind];
registerEnumType(PolicySubjectKind, {
  name: 'PolicySubjectKind',
  description: 'ROLE: the subject is a role code; PACKAGE: an access package urn.',
});

@ObjectType({ description: 'Holders of `subject` for a party may perform `actions` on the resource for that party.' })
export class PolicyRule {
  @Field(() => PolicySubjectKind)
  subjectKind!: PolicySubjectKind;

  @Field(() => String, { description: 'A role code (DAGL) or an access package urn.' })
  subject!: string;

  @Field(() => [String])
  actions!: string[];
}
