import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { notFound, requirePartyByUrn, requirePerson, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import { delegationCheck } from './delegation-check';
import { DelegationCheckRight, type DelegationRefusal } from './delegation-check.type';

@Resolver(() => Party)
export class PartyDelegationCheckResolver {
  @FieldResolver(() => [DelegationCheckRight], {
    nullable: true,
    description:
      'What the viewer may delegate for this party to `to`, and why not: per resource action and package (for a person: the power-of-attorney areas), `delegable` and a stable `reason` code. `delegate` applies the same check. For the party itself and whoever may act for it.',
  })
  async delegationCheck(
    @Root() party: PartyRef,
    @Arg('to', () => String, { description: 'The recipient: a party URN.' }) to: string,
    @Ctx() ctx: SubgraphContext<Loaders>,
  ): Promise<DelegationCheckRight[]> {
    const viewer = requirePerson(ctx);
    const [from, recipient] = await Promise.all([ctx.loaders.parties.byId.load(party.id), requirePartyByUrn(to, ctx.loaders.parties, 'to')]);
    if (!from) throw notFound(`Party ${party.id}`);
    const entries = await delegationCheck(ctx.db, {
      viewerId: viewer.partyId,
      viewerLevel: viewer.authenticationLevel,
      from: { id: from.id, name: from.name, isPerson: from.type === 'PERSON' },
      to: { id: recipient.id, isPerson: recipient.type === 'PERSON' },
    });
    return entries.map((e) => ({
      resource: e.resourceId ? { id: e.resourceId } : null,
      action: e.action,
      package: e.packageUrn ? { urn: e.packageUrn } : null,
      delegable: e.delegable,
      reason: e.reason as DelegationRefusal | null,
      message: e.message,
    }));
  }
}
