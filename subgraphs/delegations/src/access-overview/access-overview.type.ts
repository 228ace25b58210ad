import { Field, ObjectType } from 'type-graphql';
import { AccessPackage } from '../access-package/access-package.type';
import { ReasonSource } from '../authorization/decision.type';
import { Party, type PartyRef } from '../party/party.type';
import { Resource } from '../resource/resource.type';

@ObjectType({ description: 'One way someone has access to an organisation or one of its subunits.' })
export class AccessRow {
  @Field(() => Party, { description: 'Who has the access.' })
  holder!: PartyRef;

  @Field(() => Party, { description: 'For which party: the organisation or one of its subunits.' })
  party!: PartyRef;

  @Field(() => ReasonSource)
  source!: ReasonSource;

  @Field(() => String, { description: 'ROLE: the role urn; ACCESS_PACKAGE: the package urn; DELEGATION and POWER_OF_ATTORNEY: the delegation id.' })
  via!: string;

  @Field(() => Resource, { nullable: true, description: 'A delegated resource.' })
  resource!: Resource | null;

  @Field(() => AccessPackage, { nullable: true, description: 'The package a role grants, or a delegated package (for POWER_OF_ATTORNEY: its area).' })
  package!: AccessPackage | null;

  @Field(() => [String], { nullable: true, description: 'A delegated resource’s actions.' })
  actions!: string[] | null;
}

/** `csv` resolves in access-overview.resolver.ts, only when asked for. */
@ObjectType({ description: 'Everyone with access to an organisation and its subunits, and by which path.' })
export class AccessOverview {
  /** The organisation the overview is about. */
  partyId!: string;

  @Field(() => [AccessRow])
  rows!: AccessRow[];
}
