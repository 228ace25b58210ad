import { parseUuid } from '@hub/db';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { CurrentOrganization, notFound, type OrganizationViewer, type SubgraphContext } from '@hub/kit';
import { ServiceContext, type ServiceContextRow } from '../code/code.type';
import { EvidenceStatus } from '../harvest/evidence-status.type';
import { currentStatuses, harvest } from '../harvest/harvest';
import { selectsField } from '../harvest/selects';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { Accreditation, ConsentRequest, type AccreditationRow } from './accreditation.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Accreditation)
export class AccreditationResolver {
  @Query(() => Accreditation, { description: 'An accreditation; only its requestor may read it (others get NOT_FOUND).' })
  async accreditation(
    @Arg('id', () => ID) id: string,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<AccreditationRow> {
    const canonical = parseUuid(id);
    const row = canonical ? await ctx.loaders.accreditations.byId.load(canonical) : null;
    if (!row || row.requestorId !== viewer.partyId) throw notFound(`Accreditation ${id}`);
    return row;
  }

  @FieldResolver(() => Party)
  requestor(@Root() acc: AccreditationRow): PartyRef {
    return partyRef(acc.requestorId);
  }

  @FieldResolver(() => Party)
  subject(@Root() acc: AccreditationRow): PartyRef {
    return partyRef(acc.subjectId);
  }

  @FieldResolver(() => ServiceContext)
  async serviceContext(@Root() acc: AccreditationRow, @Ctx() ctx: Context): Promise<ServiceContextRow> {
    return (await ctx.loaders.catalogue()).contexts.get(acc.serviceContextId)!;
  }

  @FieldResolver(() => ConsentRequest, {
    nullable: true,
    description: 'The consent request covering the codes that need consent; null when none does. See consentRequests when there are several.',
  })
  async consentRequest(@Root() acc: AccreditationRow, @Ctx() ctx: Context): Promise<{ id: string } | null> {
    return (await this.consentRequests(acc, ctx))[0] ?? null;
  }

  @FieldResolver(() => [ConsentRequest], {
    description: 'The consent requests of the accreditation: one when any code needs consent (a list, should a context ever need more).',
  })
  async consentRequests(@Root() acc: AccreditationRow, @Ctx() ctx: Context): Promise<{ id: string }[]> {
    const rows = await ctx.loaders.accreditations.codesByAccreditationId.load(acc.id);
    return [...new Set(rows.map((r) => r.consentRequestId).filter((id): id is string => !!id))].map((id) => ({ id }));
  }

  @FieldResolver(() => [EvidenceStatus], {
    description: 'Each code’s status; `code` filters to one. Selecting `values` harvests: every listed code is asked of its source, concurrently.',
  })
  async evidence(
    @Root() acc: AccreditationRow,
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EvidenceStatus[]> {
    const rows = (await ctx.loaders.accreditations.codesByAccreditationId.load(acc.id)).filter((r) => code == null || r.code === code);
    return selectsField(info, 'values') ? harvest(acc, rows, ctx) : currentStatuses(acc, rows, ctx, new Date());
  }
}
