import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '@hub/kit';
import { roleProvider } from '@hub/db/roles';

export const RoleProvider = enumOf(roleProvider.enumValues);
export type RoleProvider = (typeof RoleProvider)[keyof typeof RoleProvider];
registerEnumType(RoleProvider, {
  name: 'RoleProvider',
  description:
    "Where a role comes from: ER (Central Coordinating Register), FREG (population register), ADVOKATTILSYNET (the lawyers' register: a lawyer's clients by matter area) or ALTINN.",
});

@ObjectType({ description: 'A role from an authoritative register or from Altinn itself (DAGL, LEDE, REGN, FORELDREANSVAR …).' })
@Directive('@key(fields: "code")')
export class Role {
  @Field(() => String, { description: 'Short code: DAGL, LEDE, REGN, FORELDREANSVAR …' })
  code!: string;

  @Field(() => String, { description: 'urn:altinn:external-role:ccr:daglig-leder …' })
  urn!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RoleProvider)
  provider!: RoleProvider;
}
