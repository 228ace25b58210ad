import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { notFound, type SubgraphContext } from '@hub/kit';
import { ConsentRequest, type ConsentRow } from '../consent/consent.type';
import { loadVisibleConsent } from '../consent/consent.visibility';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { Resource } from '../resource/resource.type';
import { ConsentEvent, type ConsentEventView } from './event.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => ConsentEvent)
export class ConsentEventResolver {
  @FieldResolver(() => Party, { nullable: true, description: 'Who did it (USED: the data source); null for what the hub did by itself.' })
  performedBy(@Root() event: ConsentEventView): PartyRef | null {
    return event.performedById ? partyRef(event.performedById) : null;
  }

  @FieldResolver(() => Resource, { nullable: true, description: 'USED: which data the source delivered (the consent right’s resource).' })
  resource(@Root() event: ConsentEventView): Resource | null {
    return event.resourceId ? { id: event.resourceId } : null;
  }

  @FieldResolver(() => Party, { nullable: true, description: 'USED: for whom, the organisation the data was delivered to (the token’s recipient).' })
  deliveredTo(@Root() event: ConsentEventView): PartyRef | null {
    return event.deliveredToId ? partyRef(event.deliveredToId) : null;
  }

  @FieldResolver(() => ConsentRequest)
  async consent(@Root() event: ConsentEventView, @Ctx() ctx: Context): Promise<ConsentRow> {
    const row = await loadVisibleConsent(event.consentId, ctx);
    if (!row) throw notFound(`Consent request ${event.consentId}`);
    return row;
  }
}
