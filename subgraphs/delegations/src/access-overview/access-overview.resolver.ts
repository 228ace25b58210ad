import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import { Party, type PartyRef } from '../party/party.type';
import { accessOverviewCsv } from './access-overview.csv';
import { loadAccessOverview } from './access-overview';
import { AccessOverview } from './access-overview.type';
import { accessOf } from '@hub/authz';

@Resolver(() => AccessOverview)
export class AccessOverviewResolver {
  @FieldResolver(() => String, {
    description: `The same rows as CSV with a header: holder_urn, holder_name, party_urn, source, via, resource, package, actions (space-separated).`,
  })
  csv(@Root() overview: AccessOverview, @Ctx() ctx: SubgraphContext): Promise<string> {
    return accessOverviewCsv(ctx.db, accessOf(ctx), overview.rows);
  }
}

@Resolver(() => Party)
export class PartyAccessOverviewResolver {
  @FieldResolver(() => AccessOverview, {
    nullable: true,
    description: 'Everyone with access to this organisation and its subunits, and by which path. Its administrators only.',
  })
  accessOverview(@Root() party: PartyRef, @Ctx() ctx: SubgraphContext): Promise<AccessOverview> {
    return loadAccessOverview(ctx.db, party.id);
  }
}
