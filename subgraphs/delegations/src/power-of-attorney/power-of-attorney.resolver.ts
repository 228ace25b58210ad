import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { CurrentPerson, type PersonViewer, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { delegateAs } from '../delegation/delegate';
import type { DelegationRow } from '../delegation/delegation.loader';
import { Delegation } from '../delegation/delegation.type';
import { Party, type PartyRef } from '../party/party.type';
import { GivePowerOfAttorneyInput } from './power-of-attorney.input';
import { powersOfAttorney } from './power-of-attorney.list';

type Context = SubgraphContext<Loaders>;

/**
 * Powers of attorney (brukerstyrt fullmakt): a person gives another person one area (tax, health, NAV, post) until
 * an end date. Each is a delegation of the area's person package from the giver, so the decision point counts it (as
 * POWER_OF_ATTORNEY, naming the area) and `revokeDelegation` withdraws it, by the giver or the holder.
 */
@Resolver(() => Party)
export class PowerOfAttorneyResolver {
  @Mutation(() => Delegation, {
    description:
      'The viewer (a person) gives `to` (a person) a power of attorney for `area` until `validTo` (in the future, at most ten years ahead). The same path and check as `delegate` with `from` = the viewer; `revokeDelegation` withdraws it.',
  })
  givePowerOfAttorney(
    @Arg('input', () => GivePowerOfAttorneyInput) input: GivePowerOfAttorneyInput,
    @CurrentPerson() viewer: PersonViewer,
    @Ctx() ctx: Context,
  ): Promise<DelegationRow> {
    return delegateAs(viewer, { from: `urn:altinn:party:uuid:${viewer.partyId}`, to: input.to, package: input.area, validTo: input.validTo }, ctx);
  }

  @FieldResolver(() => [Delegation], {
    nullable: true,
    description:
      'The powers of attorney this person has given that count now (not withdrawn, not past their end), oldest first. For the person only.',
  })
  powersOfAttorneyGiven(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<DelegationRow[]> {
    return powersOfAttorney('given', party.id, ctx);
  }

  @FieldResolver(() => [Delegation], {
    nullable: true,
    description: 'The powers of attorney this person holds from others that count now, oldest first. For the person only.',
  })
  powersOfAttorneyReceived(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<DelegationRow[]> {
    return powersOfAttorney('received', party.id, ctx);
  }
}
