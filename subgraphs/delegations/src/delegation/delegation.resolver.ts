import { parseUuid } from '@hub/db';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { CurrentPerson, CurrentViewer, notFound, type PersonViewer, type SubgraphContext, type Viewer } from '@hub/kit';
import { AccessPackage } from '../access-package/access-package.type';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { Resource } from '../resource/resource.type';
import { DelegateInput } from './delegation.input';
import type { DelegationRow } from './delegation.loader';
import { Delegation } from './delegation.type';
import { maySeeDelegation } from './delegation.visibility';
import { delegateAs } from './delegate';
import { revokeDelegation } from './delegation.transitions';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Delegation)
export class DelegationResolver {
  @Mutation(() => Delegation, {
    description:
      'Gives `to`, on behalf of `from`, a resource’s actions or a package. Only what the viewer may itself delegate (`Party.delegationCheck` tells what, and a refusal’s `extensions.reason` is its code). A person’s power-of-attorney area goes from the person to another person, with `validTo` (see `givePowerOfAttorney`).',
  })
  async delegate(
    @Arg('input', () => DelegateInput) input: DelegateInput,
    @CurrentPerson() viewer: PersonViewer,
    @Ctx() ctx: Context,
  ): Promise<DelegationRow> {
    return delegateAs(viewer, input, ctx);
  }

  @Mutation(() => Delegation, {
    description: 'Ends a delegation at once. For the administrators of `from` (or of the facilitating firm) and for `to` itself.',
  })
  async revokeDelegation(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<DelegationRow> {
    const canonical = parseUuid(id);
    const seen = canonical ? await ctx.loaders.delegations.byId.load(canonical) : null;
    if (!seen || !(await maySeeDelegation(seen, ctx))) throw notFound(`Delegation ${id}`);
    return revokeDelegation(ctx.db, seen.id, viewer.partyId);
  }

  @FieldResolver(() => Party, { description: 'The party on whose behalf the right is given.' })
  from(@Root() d: DelegationRow): PartyRef {
    return partyRef(d.fromId);
  }

  @FieldResolver(() => Party, { description: 'Who received it.' })
  to(@Root() d: DelegationRow): PartyRef {
    return partyRef(d.toId);
  }

  @FieldResolver(() => Resource, { nullable: true, description: 'The resource whose actions were given; null for a package.' })
  resource(@Root() d: DelegationRow): Resource | null {
    return d.resourceId ? { id: d.resourceId } : null;
  }

  @FieldResolver(() => AccessPackage, { nullable: true, description: 'The package given; null for a resource.' })
  package(@Root() d: DelegationRow): AccessPackage | null {
    return d.packageUrn ? { urn: d.packageUrn } : null;
  }

  @FieldResolver(() => Party, { nullable: true, description: 'Who made it.' })
  createdBy(@Root() d: DelegationRow): PartyRef {
    return partyRef(d.createdById);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'Who revoked it.' })
  revokedBy(@Root() d: DelegationRow): PartyRef | null {
    return d.revokedById ? partyRef(d.revokedById) : null;
  }

  @FieldResolver(() => Party, {
    nullable: true,
    description: 'For a client delegation: the accounting or auditing firm that passed its client package on to its own agent.',
  })
  facilitator(@Root() d: DelegationRow): PartyRef | null {
    return d.facilitatorId ? partyRef(d.facilitatorId) : null;
  }
}
