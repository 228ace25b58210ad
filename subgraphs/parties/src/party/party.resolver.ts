import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CurrentViewer, loadPartyByRef, parseUrnArg, type SubgraphContext, type Viewer } from '@hub/kit';
import { accessOf, mayReadIdentityNumber } from '@hub/authz';
import { partyUuidUrn, urnOfParty } from '@hub/db';
import type { PartyRow } from '@hub/db/parties';
import type { Loaders } from '../loaders';
import { Party } from './party.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Party)
export class PartyResolver {
  @Query(() => Party, { nullable: true, description: 'A party by URN; null when no such party exists.' })
  party(@Arg('urn', () => String) urn: string, @Ctx() ctx: Context): Promise<PartyRow | null> {
    // Malformed URNs are BAD_USER_INPUT naming the problem; unknown parties are null.
    return loadPartyByRef(parseUrnArg(urn, 'urn'), ctx.loaders.parties);
  }

  @Query(() => Party, { nullable: true, description: 'The logged-in person or organisation; null when not in the registers.' })
  me(@CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<PartyRow | null> {
    return ctx.loaders.parties.byId.load(viewer.partyId);
  }

  @FieldResolver(() => String, {
    description:
      'urn:altinn:organization:identifier-no:… for an organisation; for a person urn:altinn:person:identifier-no:… to the person and those who may act for them, urn:altinn:party:uuid:… to everyone else.',
  })
  async urn(@Root() party: PartyRow, @Ctx() ctx: Context): Promise<string> {
    // A person's URN carries the national identity number: only those who may read the number get it.
    if (party.type === 'PERSON' && !(await mayReadIdentityNumber(accessOf(ctx), party.id))) return partyUuidUrn(party.id);
    return urnOfParty(party);
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

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "ISO date of death from the population register; null while alive and for organisations. A deceased person's party " +
      'stands for their estate (dødsbo), for which the heirs act. Personal data, guarded as nationalIdentityNumber.',
  })
  dateOfDeath(@Root() party: PartyRow): string | null {
    return party.dateOfDeath;
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
