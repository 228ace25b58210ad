import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { AccessPackage } from '../access-package/access-package.type';
import { DELEGATION_REFUSALS, type DelegationRefusal as Refusal } from '../delegation/delegation-rights';
import { Resource } from '../resource/resource.type';

export enum DelegationRefusal {
  NOT_DELEGABLE = 'NOT_DELEGABLE',
  NEEDS_ACCESS_MANAGER = 'NEEDS_ACCESS_MANAGER',
  NOT_HELD = 'NOT_HELD',
  AUTHENTICATION_LEVEL_TOO_LOW = 'AUTHENTICATION_LEVEL_TOO_LOW',
  RECIPIENT_NOT_A_PERSON = 'RECIPIENT_NOT_A_PERSON',
}
registerEnumType(DelegationRefusal, {
  name: 'DelegationRefusal',
  description:
    'Why a right may not be delegated; a refused `delegate` carries the same code in `extensions.reason`. NOT_DELEGABLE: nobody may delegate it (or not so: a person’s area goes only from the person); NEEDS_ACCESS_MANAGER: the viewer does not administer the party (main administrator or access manager); NOT_HELD: the viewer may not use it for the party (for a power of attorney: is not the person); AUTHENTICATION_LEVEL_TOO_LOW: the viewer logged in below the level the resource needs; RECIPIENT_NOT_A_PERSON: a power of attorney goes to a person.',
});

// The judge's codes and this enum must stay the same set.
const _refusals: Record<Refusal, DelegationRefusal> = DelegationRefusal;
void _refusals;
void DELEGATION_REFUSALS;

@ObjectType({ description: 'One right (a resource’s action, or a package) and whether the viewer may give it to the recipient now.' })
export class DelegationCheckRight {
  @Field(() => Resource, { nullable: true, description: 'The resource; null for a package.' })
  resource!: Resource | null;

  @Field(() => String, { nullable: true, description: 'The resource’s action; null for a package.' })
  action!: string | null;

  @Field(() => AccessPackage, { nullable: true, description: 'The package (for a person: a power-of-attorney area); null for a resource.' })
  package!: AccessPackage | null;

  @Field(() => Boolean, { description: 'True when `delegate` would accept it now.' })
  delegable!: boolean;

  @Field(() => DelegationRefusal, { nullable: true, description: 'Why not; null when delegable.' })
  reason!: DelegationRefusal | null;

  @Field(() => String, { nullable: true, description: 'Why not, in words (as a refused `delegate` says it); null when delegable.' })
  message!: string | null;
}
