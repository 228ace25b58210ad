import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DecisionValue, ReasonSource as KitReasonSource } from '@hub/authz';

export enum Decision {
  PERMIT = 'PERMIT',
  DENY = 'DENY',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
  INDETERMINATE = 'INDETERMINATE',
}
registerEnumType(Decision, {
  name: 'Decision',
  description: 'NOT_APPLICABLE: the policy says nothing about the action; INDETERMINATE: a party or data is missing.',
});

export enum ReasonSource {
  ROLE = 'ROLE',
  ACCESS_PACKAGE = 'ACCESS_PACKAGE',
  DELEGATION = 'DELEGATION',
  POWER_OF_ATTORNEY = 'POWER_OF_ATTORNEY',
  CONSENT = 'CONSENT',
}
registerEnumType(ReasonSource, { name: 'ReasonSource', description: 'The kind of path that gives access.' });

// The kit's string unions and these enums must stay the same sets of values.
const _decisions: Record<DecisionValue, Decision> = Decision;
const _sources: Record<KitReasonSource, ReasonSource> = ReasonSource;
void _decisions;
void _sources;

@ObjectType({ description: 'One path that gives access.' })
export class DecisionReason {
  @Field(() => ReasonSource)
  source!: ReasonSource;

  @Field(() => String, { description: 'The role or package urn, or the delegation, power of attorney or consent id.' })
  via!: string;

  @Field(() => String, {
    nullable: true,
    description: 'For POWER_OF_ATTORNEY: the area it was given for (a person package urn, urn:altinn:accesspackage:innbygger-skatt); null otherwise.',
  })
  area?: string | null;
}

@ObjectType({ description: 'What the caller must enforce along with a PERMIT.' })
export class Obligations {
  @Field(() => Int, { nullable: true, description: 'The lowest authentication level the resource may be used with; null: any.' })
  minimumAuthenticationLevel!: number | null;
}

@ObjectType({ description: 'The answer to one authorization request.' })
export class AuthorizationDecision {
  @Field(() => Decision)
  decision!: Decision;

  @Field(() => [DecisionReason], { description: 'The paths that gave a PERMIT; empty otherwise.' })
  reasons!: DecisionReason[];

  @Field(() => Obligations)
  obligations!: Obligations;
}

@InputType({ description: 'May `subject` perform `action` on `resource` for `party`? Subject and party are party URNs.' })
export class AuthorizationRequestInput {
  @Field(() => String)
  subject!: string;

  @Field(() => String)
  party!: string;

  @Field(() => String, { description: 'A resource id (ske-mva-melding).' })
  resource!: string;

  @Field(() => String, { description: 'One of the resource’s actions (read, write, sign, consent …).' })
  action!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The one instance of the resource asked about, e.g. the id of a form to sign: a consent right that names a form (metadata `skjema`) ' +
      'answers only for that form.',
  })
  instance?: string | null;
}
