import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badInput, type SubgraphContext } from '@hub/kit';
import { organizationUrn, parsePartyUrn, personUrn, type PartyRow } from '@hub/db';
import type { Loaders } from '../loaders';
import { Party } from './party.type';

type Context = SubgraphContext<Loaders>;

/** Finds a party by any of its URN forms; malformed URNs are BAD_USER_INPUT, unknown parties null. */
export async function partyByUrn(urn: string, ctx: Context, field = 'urn'): Promise<PartyRow | null> {
  const parsed = parsePartyUrn(urn);
  if (!parsed.ok) throw badInput(field, parsed.problem);
  const { ref } = parsed;
  const { parties } = ctx.loaders;
  if (ref.kind === 'person') return parties.byNationalIdentityNumber.load(ref.nationalIdentityNumber);
  if (ref.kind === 'organization') return parties.byOrganizationNumber.load(ref.organizationNumber);
  return parties.byId.load(ref.id);
}

@Resolver(() => Party)
export class PartyResolver {
  @Query(() => Party, { nullable: true, description: 'A party by URN; null when no such party exists.' })
  party(@Arg('urn', () => String) urn: string, @Ctx() ctx: Context): Promise<PartyRow | null> {
    return partyByUrn(urn, ctx);
  }

  @Query(() => Party, { nullable: true, description: 'The logged-in person or organisation; null when not in the registers.' })
  me(@Ctx() ctx: Context): Promise<PartyRow | null> {
    return ctx.loaders.parties.byId.load(ctx.viewer!.partyId);
  }

  @FieldResolver(() => String, { description: 'urn:altinn:person:identifier-no:… or urn:altinn:organization:identifier-no:…' })
  urn(@Root() party: PartyRow): string {
    return party.type === 'PERSON' ? personUrn(party.nationalIdentityNumber!) : organizationUrn(party.organizationNumber!);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Personal data: visible to the person and to those who may act for them; null for organisations.',
  })
  nationalIdentityNumber(@Root() party: PartyRow): string | null {
    return party.nationalIdentityNumber;
  }

  @FieldResolver(() => String, { nullable: true, description: 'ISO date. Personal data, guarded as nationalIdentityNumber.' })
  birthDate(@Root() party: PartyRow): string | null {
    return party.birthDate;
  }

  @FieldResolver(() => Party, { nullable: true, description: 'The main unit of a subunit.' })
  parent(@Root() party: PartyRow, @Ctx() ctx: Context): Promise<PartyRow | null> | null {
    return party.parentId ? ctx.loaders.parties.byId.load(party.parentId) : null;
  }

  @FieldResolver(() => [Party], { description: 'Subunits (BEDR) of a main unit, by name.' })
  subunits(@Root() party: PartyRow, @Ctx() ctx: Context): Promise<PartyRow[]> | PartyRow[] {
    return party.type === 'ORGANIZATION' ? ctx.loaders.parties.subunitsByParentId.load(party.id) : [];
  }
}
