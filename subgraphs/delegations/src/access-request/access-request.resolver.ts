import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { badInput, CurrentPerson, notFound, type PersonViewer, requirePartyByUrn, type SubgraphContext } from '@hub/kit';
import { parseUuid } from '@hub/db';
import { AccessPackage } from '../access-package/access-package.type';
import type { DelegationAsk } from '../delegation/delegation-rights';
import type { DelegationRow } from '../delegation/delegation.loader';
import { Delegation } from '../delegation/delegation.type';
import { loadAndCheckRights } from '../delegation/rights-input';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { Resource } from '../resource/resource.type';
import { MAX_MESSAGE_LENGTH, RequestAccessInput } from './access-request.input';
import type { AccessRequestRow } from './access-request.loader';
import { approveAccessRequest, createAccessRequest, rejectAccessRequest, withdrawAccessRequest } from './access-request.transitions';
import { AccessRequest } from './access-request.type';
import { maySeeAccessRequest } from './access-request.visibility';

type Context = SubgraphContext<Loaders>;

/** The request, if the viewer may see it; NOT_FOUND otherwise (unknown and invisible look the same). */
async function visibleRequest(id: string, ctx: Context): Promise<AccessRequestRow> {
  const canonical = parseUuid(id);
  const row = canonical ? await ctx.loaders.accessRequests.byId.load(canonical) : null;
  if (!row || !(await maySeeAccessRequest(row, ctx))) throw notFound(`Access request ${id}`);
  return row;
}

/**
 * What approving would delegate, read before the transaction opens: the request's `from`, resource, package and
 * actions never change, and on the embedded database a read outside the open transaction would wait for it.
 */
async function approvalAsk(row: AccessRequestRow, ctx: Context, viewerLevel: number): Promise<DelegationAsk> {
  const [resource, pkg, from] = await Promise.all([
    row.resourceId ? ctx.loaders.resources.byId.load(row.resourceId) : null,
    row.packageUrn ? ctx.loaders.accessPackages.byUrn.load(row.packageUrn) : null,
    ctx.loaders.parties.byId.load(row.fromId),
  ]);
  return {
    fromId: row.fromId,
    toId: row.requesterId,
    fromLabel: from?.name ?? row.fromId,
    resource,
    actions: row.actions,
    package: pkg,
    viewerLevel,
  };
}

/** Rejecting passes nothing on: who may answer does not depend on how strongly the approver logged in. */
const REJECTING = Number.POSITIVE_INFINITY;

@Resolver(() => AccessRequest)
export class AccessRequestResolver {
  @Mutation(() => AccessRequest, { description: 'The viewer (a person) asks `from` for a resource’s actions or a package.' })
  async requestAccess(
    @Arg('input', () => RequestAccessInput) input: RequestAccessInput,
    @CurrentPerson() viewer: PersonViewer,
    @Ctx() ctx: Context,
  ): Promise<AccessRequestRow> {
    const from = await requirePartyByUrn(input.from, ctx.loaders.parties, 'input.from');
    if (from.id === viewer.partyId) throw badInput('input.from', 'you cannot ask yourself for access');
    const rights = await loadAndCheckRights(input, ctx.loaders);
    if (input.message != null && input.message.length > MAX_MESSAGE_LENGTH) {
      throw badInput('input.message', `at most ${MAX_MESSAGE_LENGTH} characters`);
    }
    return createAccessRequest(ctx.db, {
      fromId: from.id,
      requesterId: viewer.partyId,
      resourceId: rights.resource?.id ?? null,
      packageUrn: rights.package?.urn ?? null,
      actions: rights.actions,
      message: input.message ?? null,
    });
  }

  @Mutation(() => AccessRequest, { description: 'Grants a PENDING request: creates the delegation to the requester, in the same transaction.' })
  async approveAccessRequest(@Arg('id', () => ID) id: string, @CurrentPerson() viewer: PersonViewer, @Ctx() ctx: Context): Promise<AccessRequestRow> {
    const seen = await visibleRequest(id, ctx);
    return approveAccessRequest(ctx.db, seen.id, await approvalAsk(seen, ctx, viewer.authenticationLevel), viewer.partyId);
  }

  @Mutation(() => AccessRequest, { description: 'Refuses a PENDING request. For those who could approve it.' })
  async rejectAccessRequest(@Arg('id', () => ID) id: string, @CurrentPerson() viewer: PersonViewer, @Ctx() ctx: Context): Promise<AccessRequestRow> {
    const seen = await visibleRequest(id, ctx);
    return rejectAccessRequest(ctx.db, seen.id, await approvalAsk(seen, ctx, REJECTING), viewer.partyId);
  }

  @Mutation(() => AccessRequest, { description: 'The requester takes back a PENDING request.' })
  async withdrawAccessRequest(
    @Arg('id', () => ID) id: string,
    @CurrentPerson() viewer: PersonViewer,
    @Ctx() ctx: Context,
  ): Promise<AccessRequestRow> {
    return withdrawAccessRequest(ctx.db, await visibleRequest(id, ctx), viewer.partyId);
  }

  @FieldResolver(() => Party, { description: 'The party asked.' })
  from(@Root() r: AccessRequestRow): PartyRef {
    return partyRef(r.fromId);
  }

  @FieldResolver(() => Party, { description: 'The person asking; an approval delegates to them.' })
  requester(@Root() r: AccessRequestRow): PartyRef {
    return partyRef(r.requesterId);
  }

  @FieldResolver(() => Resource, { nullable: true })
  resource(@Root() r: AccessRequestRow): Resource | null {
    return r.resourceId ? { id: r.resourceId } : null;
  }

  @FieldResolver(() => AccessPackage, { nullable: true })
  package(@Root() r: AccessRequestRow): AccessPackage | null {
    return r.packageUrn ? { urn: r.packageUrn } : null;
  }

  @FieldResolver(() => Party, { nullable: true, description: 'Who approved, rejected or withdrew it.' })
  decidedBy(@Root() r: AccessRequestRow): PartyRef | null {
    return r.decidedById ? partyRef(r.decidedById) : null;
  }

  @FieldResolver(() => Delegation, { nullable: true, description: 'The delegation an approval created.' })
  delegation(@Root() r: AccessRequestRow, @Ctx() ctx: Context): Promise<DelegationRow | null> | null {
    return r.delegationId ? ctx.loaders.delegations.byId.load(r.delegationId) : null;
  }
}
