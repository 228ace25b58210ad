import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireViewer, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import { delegableRights } from './delegable-rights';
import { DelegableRights } from './delegable-rights.type';

@Resolver(() => Party)
export class PartyDelegableRightsResolver {
  @FieldResolver(() => DelegableRights, {
    nullable: true,
    description:
      'What the viewer may give others on behalf of this party (`delegate`): the delegable resources’ actions the viewer may use for it and the delegable packages the viewer’s roles grant for it. Client packages, which depend on the recipient, are not listed. Its administrators only.',
  })
  async delegableRights(@Root() party: PartyRef, @Ctx() ctx: SubgraphContext<Loaders>): Promise<DelegableRights> {
    const viewer = requireViewer(ctx);
    const result = await delegableRights(ctx.db, viewer.partyId, party.id, viewer.kind === 'person' ? viewer.authenticationLevel : 0, async (urns) =>
      ctx.loaders.accessPackages.byUrn.loadMany(urns).then((rows) => rows.map((r) => (r instanceof Error ? null : r))),
    );
    return {
      resources: result.resources.map((r) => ({ resource: { id: r.id }, actions: r.actions })),
      packages: result.packages.map((urn) => ({ urn })),
    };
  }
}
